package dev.chat.adapter.in.rest.push;

import dev.chat.application.push.WebPushKeyUseCase;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Base64;

/** The key a browser subscribes to Web Push with, before it registers the subscription (PushController). */
@Controller("/api/push")
@Tag(name = "push")
public class WebPushKeyController {
    private final WebPushKeyUseCase key;

    public WebPushKeyController(WebPushKeyUseCase key) {
        this.key = key;
    }

    @Operation(summary = "This server's VAPID public key (RFC 8292), base64url: pass it to PushManager.subscribe() "
            + "as applicationServerKey")
    @Get("/web-push-key")
    public WebPushKeyView webPushKey() {
        return new WebPushKeyView(Base64.getUrlEncoder().withoutPadding().encodeToString(key.applicationServerKey()));
    }

    @Serdeable
    public record WebPushKeyView(String applicationServerKey) {
    }
}
