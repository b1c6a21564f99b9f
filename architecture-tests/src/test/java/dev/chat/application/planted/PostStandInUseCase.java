package dev.chat.application.planted;

/** An inbound port: the interface inbound adapters call. */
public interface PostStandInUseCase {
    String post(PostStandInCommand command);
}
