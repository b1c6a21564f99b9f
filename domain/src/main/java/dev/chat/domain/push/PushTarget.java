package dev.chat.domain.push;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;

/**
 * Where a device's push notifications go: a Web Push subscription (RFC 8030, as a browser's
 * {@code PushManager.subscribe} returns it: the push service's endpoint and the keys of RFC 8291),
 * or, for integrators, a webhook. Every target is checked when it is registered, so that nothing
 * unusable or unsafe is stored: https only (http on loopback only, for tests and local services),
 * no credentials in the address, keys of the right sizes.
 */
public sealed interface PushTarget permits PushTarget.WebPush, PushTarget.Webhook {
    int MAX_URL_LENGTH = 2048;

    /** The address notifications are sent to. */
    URI address();

    /**
     * A Web Push subscription: {@code p256dh} is the client's P-256 public key, uncompressed (65 bytes,
     * starting with 4), and {@code auth} its 16-byte authentication secret, both base64url as the
     * browser gives them.
     */
    record WebPush(URI endpoint, String p256dh, String auth) implements PushTarget {
        public WebPush {
            endpoint = checkedAddress(endpoint, "the Web Push endpoint");
            byte[] key = decoded(p256dh, "keys.p256dh");
            Require.that(key.length == 65 && key[0] == 4,
                    "keys.p256dh is an uncompressed P-256 public key: 65 bytes starting with 4, base64url");
            Require.that(decoded(auth, "keys.auth").length == 16, "keys.auth is 16 bytes, base64url");
        }

        @Override
        public URI address() {
            return endpoint;
        }
    }

    /** A webhook: notifications are POSTed there, signed (the webhook adapter's README says how). */
    record Webhook(URI url) implements PushTarget {
        public Webhook {
            url = checkedAddress(url, "the webhook URL");
        }

        @Override
        public URI address() {
            return url;
        }
    }

    private static URI checkedAddress(URI address, String what) {
        Require.present(address, what);
        Require.that(address.toString().length() <= MAX_URL_LENGTH, what + " is at most " + MAX_URL_LENGTH + " characters");
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        Require.that(address.isAbsolute() && address.getHost() != null && !address.getHost().isBlank(),
                what + " must be an absolute URL with a host");
        Require.that(address.getRawUserInfo() == null, what + " must not carry credentials");
        Require.that(address.getRawFragment() == null, what + " must not have a fragment");
        boolean loopback = isLoopback(address.getHost());
        Require.that("https".equals(scheme) || ("http".equals(scheme) && loopback),
                what + " must be https (http only on loopback)");
        return address.normalize();
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127.");
    }

    private static byte[] decoded(String base64Url, String what) {
        Require.present(base64Url, what);
        Require.that(base64Url.length() <= 256, what + " is too long");
        try {
            return Base64.getUrlDecoder().decode(base64Url.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw RejectedException.of(Rejection.INVALID_INPUT, what + " is not base64url");
        }
    }
}
