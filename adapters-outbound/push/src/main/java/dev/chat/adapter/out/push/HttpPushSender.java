package dev.chat.adapter.out.push;

import dev.chat.adapter.out.push.webhook.WebhookRequests;
import dev.chat.adapter.out.push.webpush.WebPushRequests;
import dev.chat.application.port.PushSender;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@link PushSender} over HTTP: a Web Push subscription gets an RFC 8030 request built by
 * {@link WebPushRequests}, a webhook a signed POST built by {@link WebhookRequests}; both go out on
 * one asynchronous JDK client, so a hanging push service holds a connection, never a thread. What
 * the far end answers becomes an {@link Outcome} ({@link #outcomeOf}).
 */
public final class HttpPushSender implements PushSender {
    private final HttpClient http;
    private final WebPushRequests webPush;
    private final WebhookRequests webhooks;
    private final Duration requestTimeout;

    public HttpPushSender(HttpClient http, WebPushRequests webPush, WebhookRequests webhooks, Duration requestTimeout) {
        this.http = http;
        this.webPush = webPush;
        this.webhooks = webhooks;
        this.requestTimeout = requestTimeout;
    }

    /** A client for pushes: no redirects (a push service never needs one; a redirect elsewhere is refused). */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A Web Push request is built (and its payload encrypted, two P-256 operations) once and sent
     * as it is on every attempt; a webhook request is signed again at each attempt, since its
     * signature covers the attempt's timestamp.
     */
    @Override
    public Prepared prepare(PushSubscription subscription, Notification notification) {
        if (subscription.target() instanceof PushTarget.WebPush target) {
            HttpRequest request = webPush.request(target, notification).timeout(requestTimeout).build();
            return () -> send(request);
        }
        if (subscription.target() instanceof PushTarget.Webhook target) {
            WebhookRequests.Signable signable = webhooks.signable(target, subscription.device(), notification);
            return () -> send(signable.signedNow().timeout(requestTimeout).build());
        }
        throw new IllegalArgumentException("no sender for " + subscription.target().getClass().getSimpleName());
    }

    private CompletionStage<Outcome> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null ? outcomeOf(response.statusCode(),
                        response.headers().firstValue("Retry-After"))
                        : new Outcome.RetryLater(Optional.empty(), failure.getClass().getSimpleName() + ": "
                        + failure.getMessage()));
    }

    /**
     * 2xx delivered; 404 and 410 gone (RFC 8030 section 7.3: the subscription expired or was
     * removed); 408, 429 and 5xx worth a retry, after Retry-After when given (seconds); any other
     * answer refused for good (400 a malformed request, 401/403 a VAPID key the service refuses, 413
     * a payload too large): retrying would be refused the same way.
     */
    static Outcome outcomeOf(int status, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Outcome.Delivered();
        }
        if (status == 404 || status == 410) {
            return new Outcome.Gone("HTTP " + status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Outcome.RetryLater(retryAfter.flatMap(HttpPushSender::seconds), "HTTP " + status);
        }
        return new Outcome.Failed("HTTP " + status);
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.strip());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException httpDate) {
            // an HTTP date is allowed too; the backoff applies instead
            return Optional.empty();
        }
    }
}
