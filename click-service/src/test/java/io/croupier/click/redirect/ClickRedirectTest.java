package io.croupier.click.redirect;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.croupier.click.ClickServiceTest;
import io.croupier.click.publisher.PublisherReplica;
import io.croupier.click.routing.Routes;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.Click;
import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.events.PayoutTerms;
import io.croupier.events.Publisher;
import io.croupier.events.RoutingMode;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ClickServiceTest
class ClickRedirectTest {

    private static final TopicRecords<Click> CLICKS = TopicRecords.of(Topics.CLICKS);

    @LocalServerPort
    int port;

    @Autowired
    Routes routes;

    @Autowired
    PublisherReplica publishers;

    @Autowired
    MeterRegistry meters;

    ServiceHttp http;

    @BeforeEach
    void client() {
        http = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void aClickIsRedirectedWithA302ToTheOffersUrlCarryingTheClickId() {
        long offer = createOffer("https://brazino.example/register?ref={click_id}");

        ServiceHttp.Answer answer = http.get("/click?offer=" + offer);

        assertThat(answer.status()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).matches("https://brazino\\.example/register\\?ref=[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aClickIsTimedByItsOwnTimerRatherThanTheRequestObservation() {
        long offer = createOffer("https://timed.example/r");
        long timedBefore = meters.get("croupier.clicks.redirect").timer().count();

        assertThat(http.get("/click?offer=" + offer).status()).isEqualTo(302);

        assertThat(meters.get("croupier.clicks.redirect").timer().count()).isEqualTo(timedBefore + 1);
        assertThat(meters.find("http.server.requests").tag("uri", "/click").timer()).isNull();
        assertThat(http.get("/admin/offers/" + offer).status()).isEqualTo(200);
        assertThat(meters.find("http.server.requests").tag("uri", "/admin/offers/{offer_id}").timer()).isNotNull();
    }

    @Test
    void theClickIsRecordedWithEverythingItCameWith() {
        long offer = createOffer("https://casino.example/r?s={source}&c={campaign}&a={sub1}");

        ServiceHttp.Answer answer = http.get("/click?offer=" + offer + "&source=face%20book&campaign=winter&sub1=a%26b"
                + "&sub2=two&sub5=five&gclid=xyz&lang=pt", "X-Forwarded-For", "198.51.100.7", "User-Agent",
                "Mozilla/5.0 test", "Referer", "https://landing.example/page");

        String clickId = clickId(answer);
        assertThat(answer.header("Location")).isEqualTo(
                "https://casino.example/r?s=face%20book&c=winter&a=a%26b&click_id=" + clickId);
        Click click = onlyClick(clickId);
        assertThat(click.getOfferId()).isEqualTo(Long.toString(offer));
        assertThat(click.getTracking().getSource()).isEqualTo("face book");
        assertThat(click.getTracking().getCampaign()).isEqualTo("winter");
        assertThat(click.getTracking().getSub1()).isEqualTo("a&b");
        assertThat(click.getTracking().getSub2()).isEqualTo("two");
        assertThat(click.getTracking().getSub3()).isNull();
        assertThat(click.getTracking().getSub5()).isEqualTo("five");
        assertThat(click.getParams()).containsExactlyInAnyOrderEntriesOf(Map.of("gclid", "xyz", "lang", "pt"));
        assertThat(click.getIp()).isEqualTo("198.51.100.7");
        assertThat(click.getUserAgent()).isEqualTo("Mozilla/5.0 test");
        assertThat(click.getReferrer()).isEqualTo("https://landing.example/page");
        assertThat(click.getRouting()).isEqualTo(RoutingMode.DIRECT);
        assertThat(click.getOccurredAt()).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
    }

    @Test
    void pubIsResolvedFromAPublisherIdOrUsernameAndAnUnknownPubIsKeptAsGiven() {
        long offer = createOffer("https://casino.example/r");
        String publisherId = "pub-" + UUID.randomUUID();
        String username = "afiliado-" + UUID.randomUUID().toString().substring(0, 8);
        TopicRecords.send(Topics.PUBLISHERS, publisherId, Publisher.newBuilder()
            .setPublisherId(publisherId)
            .setName("Afiliado")
            .setUsername(username)
            .setActive(true)
            .setTerms(PayoutTerms.newBuilder().setRevSharePercent("80").build())
            .setUpdatedAt(Instant.now())
            .build());
        await().atMost(Duration.ofSeconds(20)).until(() -> publisherId.equals(publishers.resolve(username)));

        Click byUsername = onlyClick(clickId(http.get("/click?offer=" + offer + "&pub=" + username)));
        Click byId = onlyClick(clickId(http.get("/click?offer=" + offer + "&pub=" + publisherId)));
        Click unknown = onlyClick(clickId(http.get("/click?offer=" + offer + "&pub=nobody-we-know")));

        assertThat(byUsername.getPublisherId()).isEqualTo(publisherId);
        assertThat(byUsername.getParams()).doesNotContainKey("pub");
        assertThat(byId.getPublisherId()).isEqualTo(publisherId);
        assertThat(unknown.getPublisherId()).isNull();
        assertThat(unknown.getParams()).containsEntry("pub", "nobody-we-know");
    }

    @Test
    void aNewWeightSetIsAppliedWithoutARestart() {
        long favourite = createOffer("https://favourite.example/");
        long other = createOffer("https://other.example/");

        String first = publishWeights(0.20, Map.of(Long.toString(favourite), 1.0));
        List<Click> routedByFirst = routedClicks(60);
        String second = publishWeights(0.20, Map.of(Long.toString(other), 1.0));
        List<Click> routedBySecond = routedClicks(60);

        assertThat(routedByFirst).allSatisfy(click -> assertThat(click.getWeightSetId()).isEqualTo(first));
        assertThat(weighted(routedByFirst)).isNotEmpty()
            .allSatisfy(click -> assertThat(click.getOfferId()).isEqualTo(Long.toString(favourite)));
        assertThat(routedBySecond).allSatisfy(click -> assertThat(click.getWeightSetId()).isEqualTo(second));
        assertThat(weighted(routedBySecond)).isNotEmpty()
            .allSatisfy(click -> assertThat(click.getOfferId()).isEqualTo(Long.toString(other)));
    }

    @Test
    void aSetWithoutExplorationRoutesEveryClickByItsWeights() {
        long favourite = createOffer("https://favourite.example/");

        String set = publishWeights(0, Map.of(Long.toString(favourite), 1.0));
        List<Click> routed = routedClicks(60);

        assertThat(routed).allSatisfy(click -> {
            assertThat(click.getWeightSetId()).isEqualTo(set);
            assertThat(click.getRouting()).isEqualTo(RoutingMode.WEIGHTED);
            assertThat(click.getOfferId()).isEqualTo(Long.toString(favourite));
        });
    }

    @Test
    void anOfferTheOptimizerHasNotWeighedYetGetsItsManualWeight() {
        // The current set weighs one offer 0.5 and leaves the others out; an offer created now with weight 3 weighs
        // three times as much as the set's best, so it takes three of every four clicks.
        long weighed = createOffer("https://weighed.example/");
        String set = publishWeights(0, Map.of(Long.toString(weighed), 0.5));
        ServiceHttp.Answer created = http.post("/admin/offers", """
                {"name":"Newcomer","casino_url":"https://newcomer.example/","weight":3.0,
                 "deal":{"cpa_amount":100,"currency":"BRL"}}""");
        assertThat(created.status()).isEqualTo(201);
        String newcomer = created.json().get("id").asString();

        List<Click> routed = routedClicks(400);

        assertThat(routed).allSatisfy(click -> assertThat(click.getWeightSetId()).isEqualTo(set));
        assertThat(routed).extracting(Click::getOfferId).containsOnly(Long.toString(weighed), newcomer);
        long toNewcomer = routed.stream().filter(click -> click.getOfferId().equals(newcomer)).count();
        // 300 expected; the binomial's standard deviation is about 9.
        assertThat(toNewcomer).isBetween(260L, 340L);
    }

    @Test
    void everyAnsweredRedirectProducesExactlyOneClickEvent() throws Exception {
        long offer = createOffer("https://casino.example/r?id={click_id}");
        int clicks = 300;
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService visitors = Executors.newFixedThreadPool(8);
        for (int i = 0; i < clicks; i++) {
            String path = i % 2 == 0 ? "/click?offer=" + offer : "/click?source=load";
            visitors.execute(() -> answered.add(clickId(http.get(path))));
        }
        visitors.shutdown();
        assertThat(visitors.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(answered).hasSize(clicks);

        CLICKS.awaitRecords(record -> answered.contains(record.key()), clicks);
        List<ConsumerRecord<String, Click>> onTopic = CLICKS.awaitQuiet(record -> answered.contains(record.key()),
                Duration.ofSeconds(1));

        Map<String, Long> perClick = onTopic.stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perClick).hasSize(clicks);
        assertThat(perClick.values()).containsOnly(1L);
        assertThat(onTopic).allSatisfy(record -> assertThat(record.value().getClickId()).isEqualTo(record.key()));
    }

    @Test
    void anUnknownOrInactiveOfferIs404AndNeverRedirects() {
        long inactive = createOffer("https://casino.example/r");
        http.put("/admin/offers/" + inactive, "{\"active\":false}");

        for (String path : List.of("/click?offer=987654321", "/click?offer=" + inactive)) {
            ServiceHttp.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Location")).isNull();
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aMalformedParameterIs400() {
        String tooLong = "x".repeat(513);
        List<String> malformed = new ArrayList<>(List.of("/click?offer=abc", "/click?offer=-1", "/click?offer=",
                "/click?offer=99999999999999999999", "/click?source=" + tooLong, "/click?" + tooLong + "=1"));
        StringBuilder many = new StringBuilder("/click?p0=0");
        for (int i = 1; i <= 50; i++) {
            many.append("&p").append(i).append('=').append(i);
        }
        malformed.add(many.toString());

        for (String path : malformed) {
            ServiceHttp.Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).isNotBlank();
        }
    }

    @Test
    void aClickIsAGetAndOtherMethodsAreRefusedWithProblemDetails() {
        ServiceHttp.Answer answer = http.post("/click?source=x", "{}");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("title").asString()).isEqualTo("Method Not Allowed");
    }

    @Test
    void withoutAnyActiveOfferTheClickIsRefusedWith503() {
        List<Long> active = new ArrayList<>();
        http.get("/admin/offers?active_only=true").json().valueStream().forEach(o -> active.add(o.get("id").asLong()));
        try {
            active.forEach(id -> http.put("/admin/offers/" + id, "{\"active\":false}"));

            ServiceHttp.Answer answer = http.get("/click?source=nowhere");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Location")).isNull();
        }
        finally {
            active.forEach(id -> http.put("/admin/offers/" + id, "{\"active\":true}"));
        }
    }

    private List<Click> routedClicks(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(clickId(http.get("/click?source=weights")));
        }
        Map<String, Click> byId = CLICKS.awaitRecords(record -> ids.contains(record.key()), count)
            .stream()
            .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> a));
        return ids.stream().map(byId::get).toList();
    }

    private static List<Click> weighted(List<Click> clicks) {
        return clicks.stream().filter(click -> click.getRouting() == RoutingMode.WEIGHTED).toList();
    }

    /**
     * Publishes a set as the optimizer would: it names every active offer, those not in {@code weights} with 0 (an
     * active offer the set leaves out would route by its manual weight).
     */
    private String publishWeights(double explorationRate, Map<String, Double> weights) {
        String setId = "set-" + UUID.randomUUID();
        Map<String, Double> everyActiveOffer = new HashMap<>();
        http.get("/admin/offers?active_only=true").json().valueStream()
            .forEach(offer -> everyActiveOffer.put(offer.get("id").asString(), 0.0));
        everyActiveOffer.putAll(weights);
        TopicRecords.send(Topics.OFFER_WEIGHTS, Topics.CURRENT_WEIGHTS_KEY, OfferWeights.newBuilder()
            .setWeightSetId(setId)
            .setComputedAt(Instant.now())
            .setExplorationRate(explorationRate)
            .setWeights(everyActiveOffer.entrySet()
                .stream()
                .map(entry -> new OfferWeight(entry.getKey(), entry.getValue()))
                .toList())
            .build());
        await().atMost(Duration.ofSeconds(20)).until(() -> setId.equals(routes.current().weightSetId()));
        return setId;
    }

    private Click onlyClick(String clickId) {
        List<ConsumerRecord<String, Click>> records = CLICKS.awaitRecords(record -> record.key().equals(clickId), 1);
        assertThat(records).hasSize(1);
        return records.get(0).value();
    }

    private static String clickId(ServiceHttp.Answer answer) {
        assertThat(answer.status()).isEqualTo(302);
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(answer.header("Location")).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return query.values().stream().filter(value -> value.matches("[0-9A-HJKMNP-TV-Z]{26}")).findFirst()
            .orElseThrow(() -> new AssertionError("no click id in " + answer.header("Location")));
    }

    private long createOffer(String url) {
        ServiceHttp.Answer created = http.post("/admin/offers", """
                {"name":"Offer","casino_url":"%s","deal":{"cpa_amount":100,"currency":"BRL"}}""".formatted(url));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
