package dev.chat.application.port;

import dev.chat.domain.user.UserId;

/** Outbound port: each user's privacy choices (for now: whether others may see their last-seen time). */
public interface PrivacySettings {
    /** False for a user who never chose. Read on every presence answer, so implementations cache. */
    boolean hidesLastSeen(UserId user);

    void setHidesLastSeen(UserId user, boolean hidden);

    /** Nobody hides anything: for wiring without a store. */
    PrivacySettings OPEN = new PrivacySettings() {
        @Override
        public boolean hidesLastSeen(UserId user) {
            return false;
        }

        @Override
        public void setHidesLastSeen(UserId user, boolean hidden) {
            throw new UnsupportedOperationException("privacy settings are not stored in this wiring");
        }
    };
}
