package dev.chat.adapter.out.push;

import dev.chat.adapter.out.push.webhook.WebhookRequests;
import dev.chat.adapter.out.push.webpush.WebPushRequests;
import dev.chat.application.port.PushSender;
import dev.chat.application.port.PushServerKeys;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The HTTP push sender, configured under {@code chat.push} (docs/configuration.md). */
@Factory
public class PushSenderFactory {
    static final String DEFAULT_SUBJECT = "mailto:operator@localhost";

    @Singleton
    PushSender httpPushSender(PushServerKeys keys, Clock clock,
                              @Value("${chat.push.web-push.subject:}") String subject,
                              @Value("${chat.push.web-push.ttl:24h}") Duration ttl,
                              @Value("${chat.push.web-push.urgency:normal}") String urgency,
                              @Value("${chat.push.connect-timeout:5s}") Duration connectTimeout,
                              @Value("${chat.push.request-timeout:10s}") Duration requestTimeout) {
        // the default is here, not in the placeholder: a colon there would end the property's name
        String vapidSubject = subject.isBlank() ? DEFAULT_SUBJECT : subject;
        return new HttpPushSender(HttpPushSender.newClient(connectTimeout),
                new WebPushRequests(keys, vapidSubject, ttl, urgency, clock),
                new WebhookRequests(keys, clock), requestTimeout);
    }
}
