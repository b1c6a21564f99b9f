package dev.chat.bootstrap.fuzz;

import dev.chat.bootstrap.fuzz.JsonText.Obj;
import dev.chat.bootstrap.fuzz.RestInput.Header;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the REST fuzzer sends, made from the served OpenAPI document: for every operation a valid
 * request (path parameters, query and body filled in by name), then the same with its body
 * mutated, replaced by random JSON or broken text, or cut short by its Content-Length; with its
 * headers mutated (Authorization,
 * Content-Type, Accept, extra ones); and with its path, query or method mutated, or a path of no
 * operation at all.
 */
final class RestInputs {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "FOO");
    private static final String PRINTABLE = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~";

    /** A request before it is written down: its operation, parameters and body. */
    private record Draft(OpenApi.Operation operation, String method, Map<String, String> pathParameters,
                         Map<String, String> query, Obj body) {
    }

    private final OpenApi api;
    private final RestTargets targets;
    private final List<String> badTokens;

    RestInputs(OpenApi api, RestTargets targets, List<String> badTokens) {
        this.api = api;
        this.targets = targets;
        this.badTokens = badTokens;
    }

    Arbitrary<RestInput> inputs() {
        return Choose.weighted(
                Tuple.of(60, bodyFuzz()),
                Tuple.of(25, headerFuzz()),
                Tuple.of(15, pathFuzz()));
    }

    /** Every operation with a body: valid, mutated, broken or random bodies, mostly with valid headers. */
    private Arbitrary<RestInput> bodyFuzz() {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends RestInput>>> perOperation = new ArrayList<>();
        for (OpenApi.Operation operation : api.withBodies()) {
            Arbitrary<Draft> drafts = draft(operation);
            Arbitrary<String> keys = Arbitraries.of(List.copyOf(operation.body().keySet().isEmpty()
                    ? List.of("x") : operation.body().keySet()));
            Arbitrary<Object> plausible = Choose.anyOf(JsonFuzz.strings(), JsonFuzz.uuids(), Arbitraries.of(targets.users()),
                    WsInputs.bodies()).map(s -> (Object) s);
            Arbitrary<List<Header>> headers = Choose.weighted(Tuple.of(5, Arbitraries.just(validHeaders())),
                    Tuple.of(1, headers()));
            // sign-up and log-in hash a password (bcrypt) for every body that gets that far: half as many
            int weight = operation.path().startsWith("/api/auth/") ? 1 : 2;
            perOperation.add(Tuple.of(weight, Choose.weighted(
                    Tuple.of(15, Combinators.combine(drafts, headers).as((d, h) -> write("valid", d, h, null))),
                    Tuple.of(50, Combinators.combine(drafts, Choose.lists(JsonFuzz.mutations(keys, plausible), 1, 4), headers)
                            .as((d, ms, h) -> {
                                Obj body = d.body();
                                for (JsonFuzz.Mutation m : ms) {
                                    body = m.apply(body);
                                }
                                return write("mutated-body", withBody(d, body), h, null);
                            })),
                    Tuple.of(15, Combinators.combine(drafts, Choose.lists(JsonFuzz.textMutations(), 1, 3), headers)
                            .as((d, ms, h) -> {
                                String text = JsonText.write(d.body());
                                for (JsonFuzz.TextMutation m : ms) {
                                    text = m.apply(text);
                                }
                                return write("text-mutated-body", withBody(d, null), h, text.getBytes(StandardCharsets.UTF_8));
                            })),
                    Tuple.of(10, Combinators.combine(drafts, JsonFuzz.values(3), headers)
                            .as((d, v, h) -> write("random-json-body", withBody(d, null), h,
                                    JsonText.write(v).getBytes(StandardCharsets.UTF_8)))),
                    Tuple.of(10, Combinators.combine(drafts, odd(), headers)
                            .as((d, bytes, h) -> write("odd-body", withBody(d, null), h, bytes))),
                    Tuple.of(3, Combinators.combine(drafts, Arbitraries.integers().between(1, 40))
                            .as((d, shorter) -> {
                                RestInput input = write("valid", d, validHeaders(), null);
                                return input.withDeclaredLength(Math.max(0, input.bodyBytes().length - shorter));
                            })))));
        }
        @SuppressWarnings("unchecked")
        Tuple.Tuple2<Integer, Arbitrary<? extends RestInput>>[] all = perOperation.toArray(new Tuple.Tuple2[0]);
        return Choose.weighted(all);
    }

    /** Any operation, valid but for its headers. */
    private Arbitrary<RestInput> headerFuzz() {
        return Combinators.combine(anyDraft(), headers()).as((d, h) -> write("headers", d, h, null));
    }

    /** Any operation with a path parameter, the query or the method changed, or a path of no operation. */
    private Arbitrary<RestInput> pathFuzz() {
        Arbitrary<String> wild = Choose.weighted(Tuple.of(4, JsonFuzz.strings()), Tuple.of(1, Arbitraries.of("", ".", "..",
                "../..", "%", "%zz", "a/b", "%2F", "%00", "\u0000", "direct", "me", "~", " ", "+", "?", "#", ";x=1")),
                Tuple.of(1, Arbitraries.integers().between(1_000, 12_000).map("p"::repeat)));
        Arbitrary<RestInput> parameter = Combinators.combine(anyDraft(), Arbitraries.integers().between(0, 7), wild)
                .as((d, at, value) -> {
                    Map<String, String> parameters = new LinkedHashMap<>(d.pathParameters());
                    if (!parameters.isEmpty()) {
                        String name = List.copyOf(parameters.keySet()).get(at % parameters.size());
                        parameters.put(name, value);
                    }
                    return write("path-parameter", new Draft(d.operation(), d.method(), parameters, d.query(), d.body()),
                            validHeaders(), null);
                });
        Arbitrary<RestInput> query = Combinators.combine(anyDraft(), Choose.anyOf(JsonFuzz.strings(),
                        Arbitraries.of("after", "before", "limit", "device", "users", "username")),
                        Choose.anyOf(JsonFuzz.strings(), JsonFuzz.numbers().map(JsonText::write)))
                .as((d, name, value) -> {
                    Map<String, String> q = new LinkedHashMap<>(d.query());
                    q.put(name, value);
                    return write("query", new Draft(d.operation(), d.method(), d.pathParameters(), q, d.body()),
                            validHeaders(), null);
                });
        Arbitrary<RestInput> method = Combinators.combine(anyDraft(), Arbitraries.of(METHODS))
                .as((d, m) -> write("method", new Draft(d.operation(), m, d.pathParameters(), d.query(), d.body()),
                        validHeaders(), null));
        Arbitrary<RestInput> nowhere = Combinators.combine(Arbitraries.of(METHODS),
                Choose.lists(JsonFuzz.stringsOf("abcdefghijklmnopqrstuvwxyz0123456789-._~", 0, 20), 1, 5),
                Arbitraries.of("/api/", "/", "/api/chats/", "/api/groups/", "/swagger/", "/.well-known/", "/api/me/"))
                .as((m, segments, prefix) -> new RestInput("unknown-path", null, m, prefix + String.join("/", segments), "",
                        validHeaders(), null));
        return Choose.weighted(Tuple.of(4, parameter), Tuple.of(3, query), Tuple.of(3, method), Tuple.of(2, nowhere));
    }

    private Arbitrary<Draft> anyDraft() {
        List<Arbitrary<Draft>> all = api.operations().stream().map(this::draft).toList();
        @SuppressWarnings("unchecked")
        Arbitrary<Draft>[] array = all.toArray(new Arbitrary[0]);
        return Choose.anyOf(array);
    }

    /** A valid request of the operation, its values chosen by parameter and property name. */
    private Arbitrary<Draft> draft(OpenApi.Operation operation) {
        List<Arbitrary<String>> pathValues = operation.pathParameters().stream()
                .map(name -> pathValue(operation, name)).toList();
        List<Arbitrary<String>> queryValues = operation.queryParameters().stream()
                .map(name -> queryValue(operation, name)).toList();
        Arbitrary<Obj> body = operation.hasBody() ? object(operation.body(), operation) : Arbitraries.just(null);
        return Combinators.combine(all(pathValues), all(queryValues), body).as((p, q, b) -> {
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < p.size(); i++) {
                pathParameters.put(operation.pathParameters().get(i), p.get(i));
            }
            Map<String, String> query = new LinkedHashMap<>();
            for (int i = 0; i < q.size(); i++) {
                if (q.get(i) != null) {
                    query.put(operation.queryParameters().get(i), q.get(i));
                }
            }
            if (query.containsKey("before")) {
                // after and before together are refused (400): a valid history request reads one way
                query.remove("after");
            }
            return new Draft(operation, operation.method(), pathParameters, query, b);
        });
    }

    private static Arbitrary<List<String>> all(List<Arbitrary<String>> parts) {
        return parts.isEmpty() ? Arbitraries.just(List.of()) : Combinators.combine(parts).as(list -> list);
    }

    private Arbitrary<String> pathValue(OpenApi.Operation operation, String name) {
        String path = operation.path();
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 1 << 20);
        String self = targets.fuzzer().id();
        if (path.startsWith("/api/groups/") && (path.endsWith("/leave") || path.contains("/members/{userId}"))
                && "id".equals(name)) {
            // only groups the fuzzing made: the fuzzer must stay in its fixed chats
            return Choose.weighted(Tuple.of(4, index.map(i -> RestTargets.pick(targets.createdGroups(), i, JsonFuzz.NIL_UUID))),
                    Tuple.of(1, JsonFuzz.uuids()));
        }
        return switch (name) {
            case "chatId" -> chats();
            case "id" -> path.startsWith("/api/groups") ? Choose.weighted(
                    Tuple.of(3, index.map(i -> RestTargets.pick(targets.createdGroups(), i, targets.memberChats().get(1)))),
                    Tuple.of(2, Arbitraries.of(targets.memberChats())), Tuple.of(1, Arbitraries.of(targets.otherChats())),
                    Tuple.of(1, JsonFuzz.uuids()))
                    : path.startsWith("/api/users") ? users() : chats();
            case "userId" -> Choose.weighted(Tuple.of(4, users()), Tuple.of(1, Arbitraries.just(self)));
            case "device", "deviceId" -> devices();
            case "sessionId" -> Choose.weighted(Tuple.of(2, index.map(i -> RestTargets.pick(targets.sessions(), i, "0".repeat(32)))),
                    Tuple.of(1, JsonFuzz.stringsOf("0123456789abcdef", 32, 32)), Tuple.of(1, JsonFuzz.strings()));
            default -> JsonFuzz.strings();
        };
    }

    private Arbitrary<String> queryValue(OpenApi.Operation operation, String name) {
        Arbitrary<String> value = switch (name) {
            case "after" -> Arbitraries.longs().between(0, 60).map(String::valueOf);
            case "before" -> Choose.weighted(Tuple.of(3, Arbitraries.longs().between(0, 60)),
                    Tuple.of(1, Arbitraries.just(9_007_199_254_740_991L))).map(String::valueOf);
            case "limit" -> Arbitraries.integers().between(1, 500).map(String::valueOf);
            case "device" -> devices();
            case "users" -> Choose.lists(users(), 1, 3).map(list -> String.join(",", list));
            case "username" -> Arbitraries.of(targets.fuzzer().username(), "nobody-" + name);
            default -> JsonFuzz.strings();
        };
        boolean required = "users".equals(name) || "username".equals(name);
        // before is the rarer way to read history; a draft that has it loses its after (see draft)
        return required ? value : value.injectNull("before".equals(name) ? 0.7 : 0.3);
    }

    private Arbitrary<Obj> object(Map<String, OpenApi.Property> properties, OpenApi.Operation operation) {
        if (operation.path().endsWith("/push") && properties.containsKey("webPush")) {
            return pushTarget();
        }
        List<String> names = List.copyOf(properties.keySet());
        List<Arbitrary<Object>> values = names.stream().map(n -> property(properties.get(n), operation)).toList();
        if (values.isEmpty()) {
            return Arbitraries.just(new Obj(List.of()));
        }
        return Combinators.combine(values).as(list -> {
            List<Object> keysAndValues = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                keysAndValues.add(names.get(i));
                keysAndValues.add(list.get(i));
            }
            return Obj.of(keysAndValues.toArray());
        });
    }

    private Arbitrary<Object> property(OpenApi.Property property, OpenApi.Operation operation) {
        boolean logIn = operation.path().equals("/api/auth/token");
        Arbitrary<? extends Object> value = switch (property.name()) {
            case "username" -> logIn ? Choose.weighted(Tuple.of(1, Arbitraries.just(targets.fuzzer().username())),
                    Tuple.of(1, freshNames("u")))
                    : Choose.weighted(Tuple.of(6, freshNames("u")), Tuple.of(1, Arbitraries.just(targets.fuzzer().username())));
            case "password" -> logIn ? Choose.weighted(Tuple.of(1, Arbitraries.just(targets.password())),
                    Tuple.of(1, freshNames("wrong-password-")))
                    : freshNames("password-");
            case "displayName" -> JsonFuzz.stringsOf(PRINTABLE, 1, 40);
            case "name" -> freshNames("group ");
            case "members" -> Choose.lists(users(), 0, 3);
            case "userId" -> users();
            case "clientMessageId" -> WsInputs.frameIds();
            case "body" -> WsInputs.bodies();
            case "device" -> devices().injectNull(0.5);
            case "position" -> Arbitraries.longs().between(0, 60);
            default -> switch (property.type()) {
                case "boolean" -> Arbitraries.of(true, false);
                case "integer" -> Arbitraries.longs().between(0, 100);
                case "array" -> Choose.lists(JsonFuzz.strings(), 0, 3);
                case "object" -> object(property.properties(), operation);
                default -> JsonFuzz.strings();
            };
        };
        return value.map(v -> (Object) v);
    }

    /** Exactly one of a Web Push subscription (with a real P-256 key) and a webhook, as the documentation asks. */
    private Arbitrary<Obj> pushTarget() {
        Arbitrary<String> ids = WsInputs.frameIds();
        return Choose.anyOf(
                ids.map(id -> Obj.of("webPush", Obj.of("endpoint", "https://push.example.com/" + id,
                        "keys", Obj.of("p256dh", targets.p256dh(), "auth", targets.auth())))),
                ids.map(id -> Obj.of("webhook", Obj.of("url", "https://hooks.example.com/" + id))));
    }

    private Arbitrary<String> chats() {
        return Choose.weighted(Tuple.of(4, Arbitraries.of(targets.memberChats())),
                Tuple.of(1, Arbitraries.of(targets.otherChats())), Tuple.of(1, JsonFuzz.uuids()));
    }

    private Arbitrary<String> users() {
        return Choose.weighted(Tuple.of(4, Arbitraries.of(targets.users())), Tuple.of(1, JsonFuzz.uuids()));
    }

    private static Arbitrary<String> devices() {
        return Choose.weighted(Tuple.of(4, Arbitraries.of("phone", "laptop", "api", "web-1", "d:2")),
                Tuple.of(1, JsonFuzz.stringsOf(JsonFuzz.ID_CHARS, 1, 70)));
    }

    private static Arbitrary<String> freshNames(String prefix) {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform()).withoutEdgeCases()
                .map(n -> prefix + Long.toUnsignedString(n, 36));
    }

    /** Bodies no encoder writes: empty, whitespace, a BOM, NUL, Latin-1 bytes, deep nesting, a megabyte and more. */
    private static Arbitrary<byte[]> odd() {
        return Choose.weighted(
                Tuple.of(50, Arbitraries.of("", " ", "\ufeff{}", "null", "{}", "[]", "\"x\"", "0", "{\"a\":1}{", "\u0000", "{}}",
                        "[".repeat(5_000), "{\"a\":".repeat(3_000)).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(50, Choose.bytes(0, 500)),
                Tuple.of(5, Arbitraries.just("{\"username\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))),
                // over micronaut.server.max-request-size (1 MB): rare, they weigh
                Tuple.of(1, Arbitraries.of(1_100_000, 2_000_000)
                        .map(n -> ("{\"name\":\"" + "x".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8))));
    }

    private List<Header> validHeaders() {
        return List.of(new Header("Authorization", "Bearer " + targets.fuzzer().token()),
                new Header("Content-Type", "application/json"));
    }

    /** Authorization, Content-Type and Accept, each valid, absent or wrong, and now and then an extra header. */
    private Arbitrary<List<Header>> headers() {
        String token = targets.fuzzer().token();
        Arbitrary<String> mutatedToken = Combinators.combine(Arbitraries.integers().between(0, token.length() - 1),
                        Arbitraries.of('A', '.', '-', '_', '=', ' ', '0'))
                .as((at, c) -> token.substring(0, at) + c + token.substring(at + 1));
        Arbitrary<String> authorization = Choose.weighted(
                Tuple.of(8, Arbitraries.just("Bearer " + token)),
                Tuple.of(2, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "bearer " + token, "BEARER  " + token + " ",
                        "Basic dXNlcjpwYXNzd29yZA==", "Bearer " + token + "." + token, "Bearer " + token.substring(0, token.lastIndexOf('.')),
                        "Token " + token, token)),
                Tuple.of(2, mutatedToken.map(t -> "Bearer " + t)),
                Tuple.of(2, Arbitraries.of(badTokens).map(t -> "Bearer " + t)),
                Tuple.of(1, headerValues()));
        Arbitrary<String> contentType = Choose.weighted(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.just((String) null)),
                Tuple.of(3, Arbitraries.of("application/json; charset=utf-8", "application/json; charset=iso-8859-1",
                        "APPLICATION/JSON", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/problem+json", "application/*", "*/*", "json",
                        "application/json;;", "")),
                Tuple.of(1, headerValues()));
        Arbitrary<String> accept = Choose.weighted(
                Tuple.of(6, Arbitraries.just((String) null)),
                Tuple.of(3, Arbitraries.of("*/*", "application/json", "text/html", "application/xml", "text/plain",
                        "application/json;q=0", "image/png", "application/problem+json", "")),
                Tuple.of(1, headerValues()));
        Arbitrary<List<Header>> extra = Choose.lists(Combinators.combine(JsonFuzz.stringsOf("abcdefghijklmnopqrstuvwxyz-", 1, 20),
                headerValues()).as(Header::new), 0, 2);
        return Combinators.combine(authorization, contentType, accept, extra).as((a, c, x, more) -> {
            List<Header> headers = new ArrayList<>();
            if (a != null) {
                headers.add(new Header("Authorization", a));
            }
            if (c != null) {
                headers.add(new Header("Content-Type", c));
            }
            if (x != null) {
                headers.add(new Header("Accept", x));
            }
            more.stream().filter(h -> !RESTRICTED.contains(h.name())).forEach(headers::add);
            return headers;
        });
    }

    /** Header names the JDK's client will not send as given. */
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("connection", "content-length", "expect",
            "host", "upgrade");

    /** What a header can carry on the wire: visible ASCII, spaces and tabs. */
    private static Arbitrary<String> headerValues() {
        return Choose.weighted(Tuple.of(3, JsonFuzz.stringsOf(PRINTABLE + "\t", 0, 60)),
                Tuple.of(1, JsonFuzz.stringsOf("ab", 5_000, 9_000)));
    }

    private static Draft withBody(Draft draft, Obj body) {
        return new Draft(draft.operation(), draft.method(), draft.pathParameters(), draft.query(), body);
    }

    private static RestInput write(String category, Draft draft, List<Header> headers, byte[] rawBody) {
        String path = draft.operation().path();
        for (Map.Entry<String, String> parameter : draft.pathParameters().entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        String query = draft.query().entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        byte[] body = rawBody != null ? rawBody
                : draft.body() != null ? JsonText.write(draft.body()).getBytes(StandardCharsets.UTF_8) : null;
        return new RestInput(category, draft.operation(), draft.method(), path, query, headers, body);
    }

    /** Percent-encodes all but unreserved characters; a lone surrogate goes as '?', as Java encodes it. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
