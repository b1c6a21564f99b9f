package dev.chat.adapter.in.rest.push;

import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.identity.Caller;
import dev.chat.application.push.PushSubscriptionsUseCase;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Where the caller's devices get push notifications: a Web Push subscription as a browser's
 * {@code PushManager.subscribe()} returns it, or a webhook for an integrator. One per device.
 */
@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "push")
public class PushController {
    private final PushSubscriptionsUseCase subscriptions;

    public PushController(PushSubscriptionsUseCase subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "Register the push target of one of the caller's devices, replacing its previous one "
            + "(400 invalid_input: not exactly one of webPush and webhook, an address that is not https outside "
            + "loopback or carries credentials, malformed keys, more than 32 devices)")
    @Put("/devices/{deviceId}/push")
    public PushSubscriptionView register(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                         String deviceId, @Body PushTargetRequest request) {
        return PushSubscriptionView.of(subscriptions.register(caller, new DeviceId(deviceId), request.target()));
    }

    @Operation(summary = "The push targets of the caller's devices (keys are not shown)")
    @Get("/push")
    public List<PushSubscriptionView> list(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller) {
        return subscriptions.list(caller).stream().map(PushSubscriptionView::of).toList();
    }

    @Operation(summary = "Remove a device's push target (204 whether or not it had one)")
    @Delete("/devices/{deviceId}/push")
    @Status(HttpStatus.NO_CONTENT)
    public void unregister(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                           String deviceId) {
        subscriptions.unregister(caller, new DeviceId(deviceId));
    }

    /** Exactly one of the two. */
    @Serdeable
    public record PushTargetRequest(@Nullable WebPushRequest webPush, @Nullable WebhookRequest webhook) {
        PushTarget target() {
            Require.that((webPush == null) != (webhook == null), "give exactly one of webPush and webhook");
            if (webhook != null) {
                return new PushTarget.Webhook(uri(webhook.url(), "webhook.url"));
            }
            Require.present(webPush.keys(), "webPush.keys");
            return new PushTarget.WebPush(uri(webPush.endpoint(), "webPush.endpoint"), webPush.keys().p256dh(),
                    webPush.keys().auth());
        }
    }

    /** As {@code PushSubscription.toJSON()} gives it in a browser (its {@code expirationTime} is ignored). */
    @Serdeable
    public record WebPushRequest(@Nullable String endpoint, @Nullable Keys keys, @Nullable Long expirationTime) {
    }

    @Serdeable
    public record Keys(@Nullable String p256dh, @Nullable String auth) {
    }

    @Serdeable
    public record WebhookRequest(@Nullable String url) {
    }

    /** {@code kind}: {@code web-push} or {@code webhook}. */
    @Serdeable
    public record PushSubscriptionView(String deviceId, String kind, String address, String registeredAt) {
        static PushSubscriptionView of(PushSubscription subscription) {
            return new PushSubscriptionView(subscription.device().id().value(),
                    subscription.target() instanceof PushTarget.WebPush ? "web-push" : "webhook",
                    subscription.target().address().toString(), subscription.registeredAt().toString());
        }
    }

    private static URI uri(String text, String what) {
        Require.present(text, what);
        Require.that(text.length() <= PushTarget.MAX_URL_LENGTH,
                what + " is at most " + PushTarget.MAX_URL_LENGTH + " characters");
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw RejectedException.of(Rejection.INVALID_INPUT, what + " is not a URL");
        }
    }
}
