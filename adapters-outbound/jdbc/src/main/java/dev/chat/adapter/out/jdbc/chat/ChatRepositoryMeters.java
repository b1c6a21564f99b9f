package dev.chat.adapter.out.jdbc.chat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** {@code chat_metadata_membership_reads_total}: statements that read chat members from the database. */
@Singleton
@Requires(beans = JdbcChatRepository.class)
@Requires(classes = MeterRegistry.class)
public final class ChatRepositoryMeters implements MeterBinder {
    /** Looked up when scraped: the repository needs the data source, which asks for the registry, which binds this. */
    private final Provider<JdbcChatRepository> chats;

    ChatRepositoryMeters(Provider<JdbcChatRepository> chats) {
        this.chats = chats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("chat.metadata.membership.reads", chats, c -> c.get().membershipReads())
                .description("statements that read chat members from the metadata store").register(registry);
    }
}
