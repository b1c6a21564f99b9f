package dev.chat.bootstrap.fuzz;

import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the REST fuzzer's accepted requests changed, taken from the answers: messages, groups and
 * direct chats, the groups it left, accounts, push targets. At the end the server must hold
 * exactly that: nothing from a refused request.
 */
final class RestState {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");

    private final RestTargets targets;
    private final SendLedger sends;
    private final Set<String> chats = new HashSet<>();
    private final Set<String> createdAccounts = new HashSet<>();
    private final Set<String> refusedAccounts = new HashSet<>();
    private final Map<String, Set<String>> pushAddresses = new HashMap<>();

    RestState(RestTargets targets, SendLedger sends) {
        this.targets = targets;
        this.sends = sends;
        chats.addAll(targets.memberChats());
    }

    /** Takes note of what an answered request did, by the operation it reached and its status. */
    synchronized void record(RestInput input, OpenApi.Operation reached, FuzzHttp.Response answer) {
        if (reached == null) {
            return;
        }
        String operation = reached.method() + " " + reached.path();
        if ("POST /api/auth/signup".equals(operation)) {
            recordSignUp(input, answer);
            return;
        }
        if (answer.status() >= 300) {
            return;
        }
        String[] path = input.path().split("/");
        switch (operation) {
            case "POST /api/chats/{chatId}/messages" -> {
                Map<String, Object> message = answer.json();
                sends.acknowledged((String) message.get("chatId"), (String) message.get("clientMessageId"),
                        (String) message.get("id"));
            }
            case "POST /api/groups" -> {
                String group = (String) answer.json().get("id");
                chats.add(group);
                targets.createdGroups().add(group);
            }
            case "POST /api/chats/direct" -> chats.add((String) answer.json().get("id"));
            case "POST /api/groups/{id}/leave" -> chats.remove(path[3]);
            case "DELETE /api/groups/{id}/members/{userId}" -> {
                if (targets.fuzzer().id().equals(path[5])) {
                    chats.remove(path[3]);
                }
            }
            case "POST /api/presence/sessions" -> targets.sessions().add((String) answer.json().get("sessionId"));
            case "PUT /api/me/devices/{deviceId}/push" -> {
                Map<String, Object> target = answer.json();
                pushAddresses.computeIfAbsent((String) target.get("deviceId"), d -> new HashSet<>())
                        .add((String) target.get("address"));
            }
            default -> {
            }
        }
    }

    private void recordSignUp(RestInput input, FuzzHttp.Response answer) {
        if (answer.status() == 201) {
            createdAccounts.add((String) answer.json().get("username"));
            return;
        }
        JsonNode body = input.bodyBytes() == null ? null
                : Json.treeOrNull(new String(input.bodyBytes(), StandardCharsets.UTF_8));
        JsonNode username = body == null || !body.isObject() ? null : body.get("username");
        if (username != null && username.isString() && USERNAME.matcher(username.getStringValue()).matches()) {
            refusedAccounts.add(username.getStringValue().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The fuzzer left this group outside the fuzzing (to keep its chat list short). */
    synchronized void left(String group) {
        chats.remove(group);
    }

    synchronized Set<String> chats() {
        return Set.copyOf(chats);
    }

    synchronized int createdAccounts() {
        return createdAccounts.size();
    }

    /** Accounts a refused sign-up named, and no accepted one did: none of them may exist. */
    synchronized List<String> refusedAccounts() {
        List<String> refused = new ArrayList<>(refusedAccounts);
        refused.removeAll(createdAccounts);
        refused.remove(targets.fuzzer().username());
        return refused;
    }

    synchronized List<String> createdAccountNames() {
        return List.copyOf(createdAccounts);
    }

    /** Whether this push target was registered with a 200 for this device. */
    synchronized boolean registered(String device, String address) {
        return pushAddresses.getOrDefault(device, Set.of()).contains(address);
    }
}
