package dev.chat.application.planted;

/** Planted violation: a use case wearing a stereotype that a framework annotation hides behind. */
@UseCaseStereotype
public final class ApplicationWithAStereotype {
}
