package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.schemas.Topic;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every service serves Prometheus metrics at {@code /actuator/prometheus}, labelled with its name: its own part of
 * the money path, and the outbox, consumer lag and dead letters every service has. One seed 001 click and FTD
 * postback runs first, so the meters that count traffic have something to count. The Grafana dashboard asks only for
 * series the services serve.
 */
@ExtendWith(TestPlatform.Shared.class)
class MetricsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final Pattern SERIES_NAME = Pattern.compile("croupier_[a-z_]+");

    private static final Map<PlatformService, List<Topic<String, ?>>> CONSUMED = new EnumMap<>(Map.of(
            PlatformService.CLICK, List.of(Topics.OFFER_WEIGHTS, Topics.PUBLISHERS),
            PlatformService.POSTBACK, List.of(Topics.OFFERS, Topics.PUBLISHERS, Topics.LEDGER_ENTRIES),
            PlatformService.ATTRIBUTION, List.of(Topics.CLICKS, Topics.CONVERSIONS_REPORTED, Topics.PUBLISHERS),
            PlatformService.COMMISSION, List.of(Topics.ATTRIBUTED_CONVERSIONS, Topics.OFFERS, Topics.PUBLISHERS),
            PlatformService.OPTIMIZER, List.of(Topics.LEDGER_ENTRIES, Topics.OFFER_PERFORMANCE, Topics.OFFERS),
            PlatformService.FORWARDER, List.of(Topics.PAYOUTS),
            PlatformService.IDENTITY, List.of(),
            PlatformService.ANALYTICS, List.of()));

    private static final Map<PlatformService, List<String>> OWN_SERIES = new EnumMap<>(Map.of(
            PlatformService.CLICK, List.of("croupier_clicks_redirect_seconds_count{", "croupier_clicks_published_total{"),
            PlatformService.POSTBACK, List.of("croupier_postbacks_total{format=\"OFFER_ROUTER\",outcome=\"SUCCESS\""),
            PlatformService.ATTRIBUTION, List.of("croupier_attribution_decisions_total{method=\"CLICK_ID\"",
                    "croupier_attribution_parked{reason=\"CLICK_NOT_FOUND\""),
            PlatformService.COMMISSION, List.of("croupier_ledger_entries_total{reversal=\"false\",rule=\"REPORTED_PAYOUT\""),
            PlatformService.OPTIMIZER, List.of("croupier_weights_age_seconds{"),
            PlatformService.FORWARDER, List.of("croupier_deliveries_total{result=\"delivered\"",
                    "croupier_delivery_attempts_total{outcome=\"DELIVERED\"",
                    "croupier_deliveries_latency_seconds_bucket{", "croupier_deliveries_pending{"),
            PlatformService.IDENTITY, List.of(),
            PlatformService.ANALYTICS, List.of()));

    private static TestPlatform platform;

    @BeforeAll
    static void oneClickAndItsFirstDeposit(TestPlatform started) throws Exception {
        platform = started;
        String secret = "metrics-" + UUID.randomUUID();
        JsonNode offer = platform.admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "Metrics Casino " + secret,
                "casino_url", "https://metrics-casino.example/land?cid={click_id}",
                "active", true,
                "postback_secret", secret,
                "deal", Map.of("currency", "USD")));
        String clickUrl = platform.frontDoor.url() + "/click?source=metrics&offer=" + offer.path("id").asLong();
        String clickId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            String location = HTTP.send(HttpRequest.newBuilder(URI.create(clickUrl)).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElse("");
            String landing = "https://metrics-casino.example/land?cid=";
            return location.startsWith(landing) ? location.substring(landing.length()) : null;
        }, id -> id != null);
        HttpResponse<String> postback = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.frontDoor.url() + "/postback"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("""
                    {"click_id":"%s","event":"ftd","payout":40.00,"secret":"%s"}""".formatted(clickId, secret)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(postback.statusCode()).isEqualTo(200);
    }

    @Test
    void everyServiceServesItsOwnMetersAndTheRuntimesLabelledWithItsName() {
        for (PlatformService service : PlatformService.values()) {
            String label = "service=\"" + service.serviceName() + "\"";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = scrape(service);
                for (String series : OWN_SERIES.get(service)) {
                    assertThat(lineStartingWith(scrape, series)).as("%s: %s", service, series).contains(label);
                }
                assertThat(lineStartingWith(scrape, "croupier_outbox_backlog{")).contains(label);
                assertThat(lineStartingWith(scrape, "croupier_outbox_age_seconds{")).contains(label);
                for (Topic<String, ?> topic : CONSUMED.get(service)) {
                    String tag = "topic=\"" + topic.name() + "\"";
                    assertThat(scrape).as("%s lag on %s", service, topic.name())
                        .containsPattern("croupier_consumer_lag\\{[^}]*" + Pattern.quote(tag));
                    assertThat(scrape).as("%s dead letters of %s", service, topic.name())
                        .containsPattern("croupier_dead_letters_total\\{[^}]*" + Pattern.quote(tag));
                }
            });
        }
    }

    @Test
    void theDashboardAsksOnlyForSeriesTheServicesServe() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("..", "docker", "grafana", "dashboards",
                "croupier.json")));
        Set<String> asked = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher names = SERIES_NAME.matcher(target.path("expr").asString());
                while (names.find()) {
                    asked.add(names.group());
                }
            }
        }
        assertThat(asked).hasSizeGreaterThan(10);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> served = new HashSet<>();
            for (PlatformService service : PlatformService.values()) {
                Matcher names = Pattern.compile("(?m)^(croupier_[a-z_]+)\\{").matcher(scrape(service));
                while (names.find()) {
                    served.add(names.group(1));
                }
            }
            assertThat(served).containsAll(asked);
        });
    }

    private static String scrape(PlatformService service) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.url(service) + "/actuator/prometheus"))
            .header("Authorization", "Bearer " + platform.admin.token())
            .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("%s /actuator/prometheus", service).isEqualTo(200);
        return metrics.body();
    }

    private static String lineStartingWith(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst().orElse("");
    }
}
