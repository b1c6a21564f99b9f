package dev.chat.application.presence;

import dev.chat.application.identity.Caller;

/** Inbound port: a user hides (or shows again) their last-seen time from everyone else. */
public interface UpdatePrivacyUseCase {
    void hideLastSeen(Caller caller, boolean hidden);

    boolean hidesLastSeen(Caller caller);
}
