package io.croupier.frontdoor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    @ParameterizedTest
    @CsvSource({
            "/click, CLICK", "/admin/offers, CLICK", "/admin/offers/7, CLICK",
            "/postback, POSTBACK", "/postback/abc123xyz, POSTBACK", "/webhooks/gaming/deposit, POSTBACK",
            "/api/postback/brazino/deposit, POSTBACK", "/api/analytics/postback/test, POSTBACK",
            "/clicks/01J0000000000000000000000, ATTRIBUTION", "/conversions/unattributed, ATTRIBUTION",
            "/conversions/parked, ATTRIBUTION", "/conversions/parked/counts, ATTRIBUTION",
            "/offers/3/funnel, ATTRIBUTION",
            "/conversions, COMMISSION", "/ledger/entries, COMMISSION", "/reports/publishers, COMMISSION",
            "/customers/p-1/ltv, COMMISSION", "/publishers/4/users/u/points, COMMISSION", "/ad-spend, ANALYTICS",
            "/earn, COMMISSION", "/balance, COMMISSION",
            "/admin/stats, OPTIMIZER", "/admin/update-weights, OPTIMIZER", "/admin/weight-sets/9, OPTIMIZER",
            "/admin/publishers, FORWARDER", "/admin/publishers/4/deliveries, FORWARDER",
            "/admin/deliveries/dead-letters, FORWARDER", "/offers/timeline, ATTRIBUTION", "/clicks, ATTRIBUTION", "/deals/3/versions, COMMISSION",
            "/admin/postback-logs, POSTBACK", "/admin/postback-logs/7, POSTBACK",
            "/console, CONSOLE", "/console/, CONSOLE", "/console/js/app.js, CONSOLE" })
    void eachPathGoesToTheServiceThatServesIt(String path, Backend owner) {
        assertThat(RouteTable.resolve(path)).contains(new Destination(owner, path));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/clicker", "/admin", "/admin/dead-letters", "/actuator/prometheus", "/health/x",
            "/services/no-such-service/health", "/docs", "/openapi.json", "/v3/api-docs", "/consoles" })
    void aPathNoServiceOwnsAloneGoesNowhere(String path) {
        assertThat(RouteTable.resolve(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "/services/commission-service/admin/dead-letters, COMMISSION, /admin/dead-letters",
            "/services/attribution-service/openapi.json, ATTRIBUTION, /openapi.json",
            "/services/publisher-forwarder, FORWARDER, /" })
    void whatSeveralServicesServeIsReachedUnderTheServiceName(String path, Backend owner, String servicePath) {
        assertThat(RouteTable.resolve(path)).contains(new Destination(owner, servicePath));
    }
}
