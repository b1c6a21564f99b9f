package dev.chat.bootstrap;

import dev.chat.application.delivery.MessagePipeline;
import dev.chat.application.port.MessageLog;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Connects the message log to its consumer at start-up, so that what was logged but not yet
 * stored before a stop is stored and delivered first. Also routes the core's java.util.logging
 * records to the application's logger.
 */
@Context
public class PipelineStarter {
    private final MessageLog log;
    private final MessagePipeline pipeline;

    public PipelineStarter(MessageLog log, MessagePipeline pipeline) {
        this.log = log;
        this.pipeline = pipeline;
    }

    @PostConstruct
    void start() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        log.start(pipeline);
    }
}
