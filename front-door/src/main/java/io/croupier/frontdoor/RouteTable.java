package io.croupier.frontdoor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service owns which path: the one place that says so, for the local stack and the compose deployment alike.
 * The seeds' URLs and every operator API whose path only one service serves are routed as they are; what several
 * services serve under the same path (dead letters, API docs, health) is reached as
 * {@code /services/<service-name>/<path>}, with the prefix taken off. The platform's documentation page ({@code /docs},
 * {@code /openapi.json}) is the front door's own.
 */
public final class RouteTable {

    static final String SERVICE_PREFIX = "/services/";

    /** A prefix ending without '/' also matches the exact path; the longest matching prefix wins. */
    private static final Map<String, Backend> ROUTES = Map.ofEntries(
            Map.entry("/click", Backend.CLICK),
            Map.entry("/admin/offers", Backend.CLICK),
            Map.entry("/postback", Backend.POSTBACK),
            Map.entry("/webhooks/", Backend.POSTBACK),
            Map.entry("/api/postback/", Backend.POSTBACK),
            Map.entry("/api/analytics/", Backend.POSTBACK),
            Map.entry("/clicks", Backend.ATTRIBUTION),
            Map.entry("/conversions/unattributed", Backend.ATTRIBUTION),
            Map.entry("/conversions/parked", Backend.ATTRIBUTION),
            Map.entry("/offers/", Backend.ATTRIBUTION),
            Map.entry("/track", Backend.ATTRIBUTION),
            Map.entry("/conversions", Backend.COMMISSION),
            Map.entry("/ledger/", Backend.COMMISSION),
            Map.entry("/customers/", Backend.COMMISSION),
            Map.entry("/publishers/", Backend.COMMISSION),
            Map.entry("/reports/", Backend.COMMISSION),
            Map.entry("/earn", Backend.COMMISSION),
            Map.entry("/balance", Backend.COMMISSION),
            Map.entry("/deals/", Backend.COMMISSION),
            Map.entry("/admin/stats", Backend.OPTIMIZER),
            Map.entry("/admin/update-weights", Backend.OPTIMIZER),
            Map.entry("/admin/weight-sets", Backend.OPTIMIZER),
            Map.entry("/admin/publishers", Backend.FORWARDER),
            Map.entry("/admin/deliveries", Backend.FORWARDER),
            Map.entry("/admin/inbound-auth", Backend.POSTBACK),
            Map.entry("/admin/postback-logs", Backend.POSTBACK),
            Map.entry("/admin/accounts", Backend.IDENTITY),
            Map.entry("/admin/api-keys", Backend.IDENTITY),
            Map.entry("/admin/audit", Backend.IDENTITY),
            Map.entry("/admin/signing-keys", Backend.IDENTITY),
            Map.entry("/login", Backend.IDENTITY),
            Map.entry("/token", Backend.IDENTITY),
            Map.entry("/me", Backend.IDENTITY),
            Map.entry("/.well-known/", Backend.IDENTITY),
            Map.entry("/event", Backend.ANALYTICS),
            Map.entry("/events", Backend.ANALYTICS),
            Map.entry("/stats", Backend.ANALYTICS),
            Map.entry("/run-pipeline", Backend.ANALYTICS),
            Map.entry("/ad-spend", Backend.ANALYTICS),
            Map.entry("/pipeline/", Backend.ANALYTICS),
            Map.entry("/imports", Backend.ANALYTICS),
            Map.entry("/inputs", Backend.ANALYTICS),
            Map.entry("/reports/purchases_curated", Backend.ANALYTICS),
            Map.entry("/reports/purchases_curated.csv", Backend.ANALYTICS),
            Map.entry("/reports/reconciliation", Backend.ANALYTICS),
            Map.entry("/reports/reconciliation.json", Backend.ANALYTICS),
            Map.entry("/reports/roas_d1", Backend.ANALYTICS),
            Map.entry("/reports/roas_d1.json", Backend.ANALYTICS),
            Map.entry("/reports/roas_anomaly", Backend.ANALYTICS),
            Map.entry("/reports/roas_anomaly.json", Backend.ANALYTICS),
            Map.entry("/reports/arpdau_d1", Backend.ANALYTICS),
            Map.entry("/reports/arpdau_d1.json", Backend.ANALYTICS),
            Map.entry("/console", Backend.CONSOLE));

    private static final List<Map.Entry<String, Backend>> LONGEST_FIRST = ROUTES.entrySet()
        .stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, Backend> route) -> route.getKey().length()).reversed())
        .toList();

    private RouteTable() {
    }

    /** The service that owns {@code path}, and the path to ask it for; empty when no service serves it. */
    static Optional<Destination> resolve(String path) {
        if (path.startsWith(SERVICE_PREFIX)) {
            return byServiceName(path.substring(SERVICE_PREFIX.length()));
        }
        return LONGEST_FIRST.stream()
            .filter(route -> matches(path, route.getKey()))
            .findFirst()
            .map(route -> new Destination(route.getValue(), path));
    }

    /** Every service a route leads to. */
    public static List<Backend> routedBackends() {
        return Arrays.stream(Backend.values()).filter(ROUTES::containsValue).toList();
    }

    private static Optional<Destination> byServiceName(String rest) {
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        return Arrays.stream(Backend.values())
            .filter(backend -> backend.serviceName().equals(name))
            .findFirst()
            .map(backend -> new Destination(backend, path));
    }

    private static boolean matches(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }
}
