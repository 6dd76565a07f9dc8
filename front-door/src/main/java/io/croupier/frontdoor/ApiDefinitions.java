package io.croupier.frontdoor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documentation page's definitions, one per {@link Audience}, built from the services' own springdoc documents
 * (asked again once the last merge is a few seconds old), so they never drift from the code: each operation under the
 * path the front door serves it at (what every service serves alike goes under {@code /services/<service-name>}), the
 * requests the platform sends (OpenAPI webhooks: the publishers' postbacks) for the audiences that receive them, the
 * tags and components it uses (same-named components that differ between services get the service's name appended),
 * the platform's title, version and description, and as server the address the reader called the front door at.
 */
final class ApiDefinitions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private static final String REF_PREFIX = "#/components/";

    private final HttpClient client;

    private final FrontDoorSettings settings;

    private final String version;

    private final Clock clock;

    private final Map<Audience, Merged> cache = new ConcurrentHashMap<>();

    ApiDefinitions(HttpClient client, FrontDoorSettings settings, String version, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.version = version;
        this.clock = clock;
    }

    /**
     * {@code audience}'s definition with {@code serverUrl} as its one server. The merged definition is kept for
     * {@link FrontDoorSettings#docsCacheTime()} once every service answered, so many readers cost the services one
     * request each; only the server differs from one reader to the next, and it is set on each reader's own copy.
     */
    ObjectNode definition(Audience audience, String serverUrl) {
        Instant now = clock.instant();
        Merged merged = cache.compute(audience, (key, cached) -> cached != null && now.isBefore(cached.freshUntil())
                ? cached : merge(audience));
        ObjectNode forReader = JSON.createObjectNode();
        merged.definition().properties().forEach(field -> forReader.set(field.getKey(), field.getValue()));
        forReader.putArray("servers").addObject().put("url", serverUrl).put("description", "the front door");
        return forReader;
    }

    /** One service's own document, with {@code serverUrl} as its one server; empty when it cannot be had. */
    Optional<ObjectNode> serviceDefinition(Backend backend, String serverUrl) {
        Optional<ObjectNode> document = documentOf(backend).join();
        document.ifPresent(found -> found.putArray("servers").addObject().put("url", serverUrl)
            .put("description", backend.serviceName() + " through the front door"));
        return document;
    }

    private Merged merge(Audience audience) {
        Map<Backend, CompletableFuture<Optional<ObjectNode>>> asked = new LinkedHashMap<>();
        // The console serves pages, not an API: it has no document of its own.
        Arrays.stream(Backend.values())
            .filter(backend -> backend != Backend.CONSOLE)
            .forEach(backend -> asked.put(backend, documentOf(backend)));
        Map<Backend, ObjectNode> documents = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        asked.forEach((backend, document) -> document.join()
            .ifPresentOrElse(found -> documents.put(backend, found), () -> unreachable.add(backend.serviceName())));
        // A page missing a service is asked again at once: it is the exception, and must not outlive the outage.
        Instant freshUntil = unreachable.isEmpty() ? clock.instant().plus(settings.docsCacheTime()) : Instant.MIN;
        return new Merged(merge(audience, documents, unreachable), freshUntil);
    }

    private CompletableFuture<Optional<ObjectNode>> documentOf(Backend backend) {
        // A service builds its document on the first request, which may take seconds: a forwarded request's time.
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl(backend) + "/openapi.json"))
            .timeout(settings.timeout())
            .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(response -> response.statusCode() == 200
                    ? Optional.of((ObjectNode) JSON.readTree(response.body())) : Optional.<ObjectNode>empty())
            .exceptionally(failed -> Optional.empty());
    }

    private ObjectNode merge(Audience audience, Map<Backend, ObjectNode> documents,
            List<String> unreachable) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", documents.values().stream().map(document -> document.path("openapi").asString())
            .filter(given -> !given.isEmpty()).findFirst().orElse("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", audience.title());
        info.put("version", version);
        info.put("description", unreachable.isEmpty() ? audience.description() : audience.description()
                + "\n\n**Missing right now** (not reachable from the front door): " + String.join(", ", unreachable));
        merged.putArray("servers");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode webhooks = JSON.createObjectNode();
        ObjectNode components = JSON.createObjectNode();
        Map<String, ObjectNode> tagsByName = new LinkedHashMap<>();
        for (Map.Entry<Backend, ObjectNode> entry : documents.entrySet()) {
            Backend backend = entry.getKey();
            ObjectNode document = entry.getValue();
            renameClashingComponents(backend, document, components);
            document.path("tags").forEach(tag -> tagsByName.putIfAbsent(tag.path("name").asString(),
                    (ObjectNode) tag));
            mergeComponents(document, components);
            if (audience.readsWebhooks()) {
                document.path("webhooks").properties().forEach(webhook -> webhooks.set(webhook.getKey(),
                        webhook.getValue()));
            }
            document.path("paths").properties().forEach(path -> {
                ObjectNode kept = operationsFor(audience, backend, path.getKey(), (ObjectNode) path.getValue());
                if (!kept.isEmpty()) {
                    String served = servedPath(backend, path.getKey());
                    if (paths.has(served)) {
                        ((ObjectNode) paths.get(served)).setAll(kept);
                    }
                    else {
                        paths.set(served, kept);
                    }
                }
            });
        }
        if (!webhooks.isEmpty()) {
            merged.set("webhooks", webhooks);
        }
        Set<String> usedTags = new LinkedHashSet<>();
        List.of(paths, webhooks).forEach(items -> items.forEach(item -> item.forEach(operation -> operation
            .path("tags")
            .forEach(tag -> usedTags.add(tag.asString())))));
        usedTags.forEach(name -> tags.add(tagsByName.getOrDefault(name, JSON.createObjectNode().put("name", name))));
        merged.set("components", reachableComponents(List.of(paths, webhooks), components));
        merged.putArray("security").addObject().putArray("bearer");
        return merged;
    }

    /** The operations of one path that {@code audience} reads, with the path's shared parameters if any is left. */
    private static ObjectNode operationsFor(Audience audience, Backend backend, String path, ObjectNode item) {
        ObjectNode kept = JSON.createObjectNode();
        item.properties().forEach(field -> {
            if (METHODS.contains(field.getKey())) {
                if (audience.reads(documented(backend, path, field.getValue()))) {
                    kept.set(field.getKey(), field.getValue());
                }
            }
        });
        if (!kept.isEmpty()) {
            item.properties().forEach(field -> {
                if (!METHODS.contains(field.getKey())) {
                    kept.set(field.getKey(), field.getValue());
                }
            });
        }
        return kept;
    }

    /**
     * Public when its security list is empty; otherwise the roles its bearer requirement names. Access control writes
     * both on every operation; one without is treated as what an undeclared path is, administrators only.
     */
    private static DocumentedOperation documented(Backend backend, String path, JsonNode operation) {
        JsonNode security = operation.path("security");
        if (!security.isArray()) {
            return new DocumentedOperation(backend, path, false, List.of("ADMIN"));
        }
        if (security.isEmpty()) {
            return new DocumentedOperation(backend, path, true, List.of());
        }
        List<String> roles = new ArrayList<>();
        security.forEach(requirement -> requirement.path("bearer").forEach(role -> roles.add(role.asString())));
        return new DocumentedOperation(backend, path, false, roles.isEmpty() ? List.of("ADMIN") : roles);
    }

    /** Where the front door serves {@code path} of {@code backend}. */
    static String servedPath(Backend backend, String path) {
        return RouteTable.resolve(path)
            .filter(destination -> destination.backend() == backend)
            .map(Destination::path)
            .orElse(RouteTable.SERVICE_PREFIX + backend.serviceName() + path);
    }

    /**
     * Gives each of this document's components that has a namesake with other content among those merged so far the
     * service's name as suffix, and points this document's references at the new name.
     */
    private static void renameClashingComponents(Backend backend, ObjectNode document, ObjectNode merged) {
        Map<String, String> renamed = new HashMap<>();
        document.path("components").properties().forEach(kind -> {
            if (!kind.getValue().isObject()) {
                return;
            }
            ObjectNode byName = (ObjectNode) kind.getValue();
            for (String name : List.copyOf(byName.propertyNames())) {
                JsonNode existing = merged.path(kind.getKey()).get(name);
                if (existing != null && !existing.equals(byName.get(name))) {
                    String unique = name + "_" + backend.serviceName().replace('-', '_');
                    byName.set(unique, byName.remove(name));
                    renamed.put(REF_PREFIX + kind.getKey() + "/" + name, REF_PREFIX + kind.getKey() + "/" + unique);
                }
            }
        });
        if (!renamed.isEmpty()) {
            rewriteReferences(document, renamed);
        }
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && renamed.containsKey(ref.asString())) {
                object.put("$ref", renamed.get(ref.asString()));
            }
        }
        node.forEach(child -> rewriteReferences(child, renamed));
    }

    private static void mergeComponents(ObjectNode document, ObjectNode merged) {
        document.path("components").properties().forEach(kind -> {
            if (kind.getValue().isObject()) {
                ObjectNode into = merged.has(kind.getKey()) ? (ObjectNode) merged.get(kind.getKey())
                        : merged.putObject(kind.getKey());
                kind.getValue().properties().forEach(named -> into.putIfAbsent(named.getKey(), named.getValue()));
            }
        });
    }

    /** The security schemes, and the components the kept operations refer to, directly or through each other. */
    private static ObjectNode reachableComponents(List<JsonNode> roots, ObjectNode components) {
        ObjectNode reachable = JSON.createObjectNode();
        if (components.has("securitySchemes")) {
            reachable.set("securitySchemes", components.get("securitySchemes"));
        }
        List<JsonNode> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isObject() && node.path("$ref").isString() && node.path("$ref").asString().startsWith(REF_PREFIX)) {
                String[] kindAndName = node.path("$ref").asString().substring(REF_PREFIX.length()).split("/", 2);
                JsonNode target = components.path(kindAndName[0]).get(kindAndName[1]);
                ObjectNode kind = reachable.has(kindAndName[0]) ? (ObjectNode) reachable.get(kindAndName[0])
                        : reachable.putObject(kindAndName[0]);
                if (target != null && !kind.has(kindAndName[1])) {
                    kind.set(kindAndName[1], target);
                    pending.add(target);
                }
            }
            node.forEach(pending::add);
        }
        return reachable;
    }

    /** A merged definition without its server, and until when it is served as it is. */
    private record Merged(ObjectNode definition, Instant freshUntil) {
    }
}
