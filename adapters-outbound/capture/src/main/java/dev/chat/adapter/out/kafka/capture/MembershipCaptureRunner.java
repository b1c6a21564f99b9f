package dev.chat.adapter.out.kafka.capture;

import dev.chat.application.port.MessageLog;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs the membership capture in this process when {@code chat.capture.enabled=true} (one process
 * per database: the local cluster's worker). It starts after the message log, whose topic's
 * partition count the memberships topic takes.
 */
@Context
@Requires(property = "chat.capture.enabled", value = "true")
public class MembershipCaptureRunner {
    private final MembershipCapture capture;

    public MembershipCaptureRunner(@Value("${datasources.default.url}") String jdbcUrl,
                                   @Value("${datasources.default.username}") String user,
                                   @Value("${datasources.default.password}") String password,
                                   @Value("${chat.capture.schema:public}") String schema,
                                   @Value("${chat.capture.slot:chat_memberships}") String slot,
                                   @Value("${chat.capture.publication:chat_memberships}") String publication,
                                   @Value("${chat.capture.poll-interval:20ms}") Duration pollInterval,
                                   @Value("${chat.kafka.bootstrap-servers}") String bootstrapServers,
                                   @Value("${chat.kafka.group-prefix:chat}") String groupPrefix,
                                   @Value("${chat.kafka.memberships-topic:chat.memberships}") String membershipsTopic,
                                   @Value("${chat.kafka.log.topic:chat.messages}") String logTopic,
                                   @Value("${chat.kafka.log.replication-factor:1}") short replicationFactor,
                                   MessageLog startedFirst, Clock clock) {
        this.capture = new MembershipCapture(CaptureSettings.fromJdbcUrl(jdbcUrl, schema, user, password, slot,
                publication, bootstrapServers, membershipsTopic, logTopic, groupPrefix + ".capture-offsets",
                replicationFactor, groupPrefix + "-membership-capture", pollInterval), clock);
    }

    public MembershipCapture capture() {
        return capture;
    }

    @PostConstruct
    void start() {
        capture.start();
    }

    @PreDestroy
    void stop() {
        capture.close();
    }
}
