package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.PrivacySettings;

/** Use case: changing one's own privacy settings. */
public final class UpdatePrivacy implements UpdatePrivacyUseCase {
    private final PrivacySettings settings;

    public UpdatePrivacy(PrivacySettings settings) {
        this.settings = settings;
    }

    @Override
    public void hideLastSeen(Caller caller, boolean hidden) {
        settings.setHidesLastSeen(caller.user(), hidden);
    }

    @Override
    public boolean hidesLastSeen(Caller caller) {
        return settings.hidesLastSeen(caller.user());
    }
}
