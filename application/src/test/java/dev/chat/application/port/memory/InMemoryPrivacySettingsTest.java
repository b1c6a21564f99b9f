package dev.chat.application.port.memory;

import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.contract.PrivacySettingsContract;

class InMemoryPrivacySettingsTest extends PrivacySettingsContract {
    private final InMemoryPrivacySettings settings = new InMemoryPrivacySettings();

    @Override
    protected PrivacySettings settings() {
        return settings;
    }
}
