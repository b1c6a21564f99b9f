package dev.chat.bootstrap.fuzz;

import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operations of the OpenAPI document the server serves, as the REST fuzzer needs them: method,
 * path template, parameters, the request body's properties and the documented statuses. Reading
 * the served document, not a list of our own, means a new endpoint is fuzzed without anyone
 * remembering to add it.
 */
final class OpenApi {
    /** A property of a request body: its name and OpenAPI type ({@code string}, {@code integer}, {@code object}...). */
    record Property(String name, String type, Map<String, Property> properties) {
    }

    record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters,
                     Map<String, Property> body, Set<Integer> statuses, Pattern pattern) {
        boolean hasBody() {
            return body != null;
        }

        boolean matches(String method, String path) {
            return this.method.equals(method) && pattern.matcher(path).matches();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final List<Operation> operations;
    private final Map<Integer, Set<String>> errors;

    private OpenApi(List<Operation> operations, Map<Integer, Set<String>> errors) {
        this.operations = operations;
        this.errors = errors;
    }

    static OpenApi served(FuzzHttp http) {
        FuzzHttp.Response document = http.get("/swagger/chat-api-1.0.yml", null);
        if (document.status() != 200) {
            throw new IllegalStateException("the server does not serve its OpenAPI document: " + document.status());
        }
        return parse(document.body());
    }

    @SuppressWarnings("unchecked")
    static OpenApi parse(String yaml) {
        Map<String, Object> root = new Yaml().load(yaml);
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas");
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Object>) root.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            Map<String, Object> operation = (Map<String, Object>) op;
            List<String> inPath = new ArrayList<>();
            List<String> inQuery = new ArrayList<>();
            for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = (Map<String, Object>) p;
                ("path".equals(parameter.get("in")) ? inPath : inQuery).add((String) parameter.get("name"));
            }
            Map<String, Property> body = null;
            Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
            if (requestBody != null) {
                Map<String, Object> content = (Map<String, Object>) requestBody.get("content");
                Map<String, Object> json = (Map<String, Object>) content.get("application/json");
                body = properties((Map<String, Object>) json.get("schema"), schemas);
            }
            Set<Integer> statuses = new TreeSet<>();
            ((Map<Object, Object>) operation.get("responses")).keySet().forEach(s -> statuses.add(Integer.valueOf(s.toString())));
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            operations.add(new Operation(method.toUpperCase(), path, inPath, inQuery, body, statuses, Pattern.compile(regex)));
        }));
        String description = (String) ((Map<String, Object>) root.get("info")).get("description");
        return new OpenApi(List.copyOf(operations), errors(description));
    }

    /**
     * The error statuses and their codes, from the description's "by status: 400 a, b; 401 c; ..."
     * (the operations list their success statuses only).
     */
    private static Map<Integer, Set<String>> errors(String description) {
        String plain = description.replaceAll("\\([^)]*\\)", "");
        String list = plain.substring(plain.indexOf("by status:") + "by status:".length());
        list = list.substring(0, list.indexOf('.'));
        Map<Integer, Set<String>> errors = new LinkedHashMap<>();
        for (String entry : list.split(";")) {
            String[] words = entry.trim().split("[ ,]+");
            Set<String> codes = new TreeSet<>(List.of(words).subList(1, words.length));
            errors.put(Integer.valueOf(words[0]), codes);
        }
        return Map.copyOf(errors);
    }

    /** The documented error statuses, each with the codes its problems carry. */
    Map<Integer, Set<String>> errors() {
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Property> properties(Map<String, Object> schema, Map<String, Object> schemas) {
        Map<String, Object> resolved = resolve(schema, schemas);
        Map<String, Property> properties = new LinkedHashMap<>();
        ((Map<String, Object>) resolved.getOrDefault("properties", Map.of())).forEach((name, s) -> {
            Map<String, Object> property = resolve((Map<String, Object>) s, schemas);
            String type = (String) property.getOrDefault("type", "object");
            properties.put(name, new Property(name, type, "object".equals(type) ? properties(property, schemas) : Map.of()));
        });
        return properties;
    }

    /** Follows {@code $ref}, and {@code allOf} of one reference (how the document marks a nullable object). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        if (schema.containsKey("$ref")) {
            String name = ((String) schema.get("$ref")).substring("#/components/schemas/".length());
            return resolve((Map<String, Object>) schemas.get(name), schemas);
        }
        if (schema.containsKey("allOf")) {
            return resolve((Map<String, Object>) ((List<Object>) schema.get("allOf")).get(0), schemas);
        }
        return schema;
    }

    List<Operation> operations() {
        return operations;
    }

    List<Operation> withBodies() {
        return operations.stream().filter(Operation::hasBody).toList();
    }

    /** The operation this method and path (without query) reach, or null. */
    Operation match(String method, String path) {
        Operation found = null;
        for (Operation operation : operations) {
            // a literal segment wins over a parameter: /api/chats/direct is not /api/chats/{id}
            if (operation.matches(method, path) && (found == null || !operation.path().contains("{"))) {
                found = operation;
            }
        }
        return found;
    }

    /** Whether any operation has this path, whatever its method. */
    boolean knowsPath(String path) {
        return operations.stream().anyMatch(o -> o.pattern().matcher(path).matches());
    }
}
