package dev.chat.bootstrap.fuzz;

import io.micronaut.json.tree.JsonNode;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the REST API promises, read from its served OpenAPI document rather than its code: a status
 * the document lists for the operation, or one of the error statuses its description lists,
 * answered with an RFC 9457 problem whose {@code code} is one the description gives that status;
 * never a 5xx. And whether a message sent over REST must be stored, must not be, or is not decided
 * by the documentation.
 */
final class RestOracle {
    private static final String SEND = "/api/chats/{chatId}/messages";

    private final OpenApi api;
    private final Set<UUID> memberChats;
    private final String token;
    private final int maxBodyBytes;

    RestOracle(OpenApi api, java.util.List<String> memberChats, String token, int maxBodyBytes) {
        this.api = api;
        this.memberChats = Set.copyOf(memberChats.stream().map(UUID::fromString).toList());
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The operation a request reaches, by method (HEAD as GET) and path, or null. */
    OpenApi.Operation reached(RestInput input) {
        // a trailing slash names the same resource (the router takes /api/chats/ for /api/chats)
        String path = input.path().length() > 1 && input.path().endsWith("/")
                ? input.path().substring(0, input.path().length() - 1) : input.path();
        return api.match("HEAD".equals(input.method()) ? "GET" : input.method(), path);
    }

    /** Why this answer is not a documented one, or null when it is. */
    String wrongAnswer(RestInput input, FuzzHttp.Response answer) {
        int status = answer.status();
        if (status >= 500) {
            return "a " + status;
        }
        OpenApi.Operation reached = reached(input);
        boolean documented = api.errors().containsKey(status)
                || reached != null && reached.statuses().contains(status)
                // outside the API: health, the OpenAPI document, the JWKS, the web client's files
                || reached == null && !input.path().startsWith("/api/") && status == 200;
        if (!documented) {
            return "status " + status + " is not documented for " + (reached == null ? "this path" : reached);
        }
        if (status < 400 || "HEAD".equals(input.method())) {
            return null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "a " + status + " with Content-Type '" + answer.contentType() + "', not a problem";
        }
        Map<String, Object> problem;
        try {
            problem = Json.object(answer.body());
        } catch (RuntimeException e) {
            return "a " + status + " whose body is not a JSON object";
        }
        Object code = problem.get("code");
        if (!(code instanceof String c) || !api.errors().get(status).contains(c)) {
            return "a " + status + " with the code " + code + ", not one the document gives it";
        }
        Object echoed = problem.get("status");
        return echoed instanceof Number n && n.intValue() == status ? null
                : "a " + status + " whose problem says status " + echoed;
    }

    /** Whether the documentation has this request store a message ({@code POST /api/chats/{chatId}/messages}). */
    FrameOracle.Verdict judgeSend(RestInput input) {
        OpenApi.Operation reached = reached(input);
        if (reached == null || !SEND.equals(reached.path()) || !"POST".equals(input.method())
                || !authenticates(input.header("Authorization"))) {
            return FrameOracle.Verdict.REFUSE;
        }
        UUID chat = FrameOracle.uuidOrNull(input.path().split("/")[3]);
        JsonNode body = input.bodyBytes() == null ? null : Json.treeOrNull(new String(input.bodyBytes(), 0,
                input.declaredLength() == null ? input.bodyBytes().length : input.declaredLength(),
                java.nio.charset.StandardCharsets.UTF_8));
        if (chat == null || !memberChats.contains(chat) || body == null || !body.isObject()) {
            return FrameOracle.Verdict.REFUSE;
        }
        JsonNode id = body.get("clientMessageId");
        JsonNode text = body.get("body");
        JsonNode device = body.get("device");
        if (!isString(id) || !isString(text) || device != null && !device.isNull() && !device.isString()) {
            // the schema says string; whether a number, true or ["x"] is read as one, it does not say
            return coercible(id) && coercible(text) && (device == null || device.isNull() || coercible(device))
                    ? FrameOracle.Verdict.EITHER : FrameOracle.Verdict.REFUSE;
        }
        boolean valid = FrameOracle.validClientMessageId(id.getStringValue())
                && FrameOracle.validBody(text.getStringValue(), maxBodyBytes)
                && (device == null || device.isNull() || FrameOracle.validClientMessageId(device.getStringValue()));
        if (!valid) {
            return FrameOracle.Verdict.REFUSE;
        }
        return plainJson(input) ? FrameOracle.Verdict.STORE : FrameOracle.Verdict.EITHER;
    }

    /**
     * "Authorization: Bearer <token>", with the scheme in any case and spaces around the token (the
     * filter trims). The signature may be spelled otherwise: its last base64url character carries
     * bits that decode to nothing, so a fuzzed token can differ in them and still be the same token.
     */
    boolean authenticates(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String presented = authorization.substring(7).trim();
        int signed = token.lastIndexOf('.');
        if (!presented.startsWith(token.substring(0, signed + 1))) {
            return false;
        }
        try {
            java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
            return java.util.Arrays.equals(decoder.decode(presented.substring(signed + 1)),
                    decoder.decode(token.substring(signed + 1)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A JSON body as a client sends it: JSON content type, an Accept the API can serve, well within the limits. */
    private static boolean plainJson(RestInput input) {
        String type = input.header("Content-Type");
        String accept = input.header("Accept");
        return ("application/json".equals(type) || "application/json; charset=utf-8".equals(type))
                && (accept == null || "*/*".equals(accept) || "application/json".equals(accept))
                && !nearTheLimits(input);
    }

    /**
     * Near Netty's limits (8 KB of headers, a request line of 4 KB; past them the answer is 413; the
     * fuzzer does not count their bytes exactly) or past micronaut.server.max-request-size (1 MB).
     */
    static boolean nearTheLimits(RestInput input) {
        int headerBytes = input.headers().stream().mapToInt(h -> h.name().length() + h.value().length() + 4).sum();
        return headerBytes > 4_096 || input.target().length() > 2_048
                || input.bodyBytes() != null && input.bodyBytes().length > 1 << 20;
    }

    /** A scalar, or an array of one scalar: what a lenient reader could take for a string. */
    private static boolean coercible(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isArray()) {
            return node.size() == 1 && coercible(node.get(0));
        }
        return !node.isObject();
    }

    private static boolean isString(JsonNode node) {
        return node != null && node.isString();
    }
}
