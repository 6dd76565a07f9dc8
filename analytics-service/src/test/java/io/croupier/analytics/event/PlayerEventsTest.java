package io.croupier.analytics.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's player events over HTTP: recording, the newest-first history with its cursor, and the daily stats. */
@AnalyticsServiceTest
class PlayerEventsTest {

    private static final Pattern NEXT = Pattern.compile("<(/events\\?[^>]*)>; rel=\"next\"");

    @LocalServerPort
    int port;

    private ServiceHttp api;

    private String player;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        player = "player-" + UUID.randomUUID();
    }

    @Test
    void anEventIsRecordedAsTheSeedSendsItWithItsMetaStringAndTimestamp() {
        ServiceHttp.Answer response = api.post("/event", """
                {"eventType":"level_complete","meta":"{\\"level\\":42,\\"score\\":9999}",
                 "timestampUtc":"%s","playerId":"%s","offerId":"7","house":"brazino"}"""
            .formatted(yesterdayAt("10:30:00"), player));

        assertThat(response.status()).isEqualTo(200);
        JsonNode event = response.json();
        assertThat(event.path("eventType").asString()).isEqualTo("level_complete");
        assertThat(event.path("meta").asString()).isEqualTo("{\"level\":42,\"score\":9999}");
        assertThat(event.path("timestampUtc").asString()).isEqualTo(yesterdayAt("10:30:00"));
        assertThat(event.path("playerId").asString()).isEqualTo(player);
        assertThat(event.path("offerId").asString()).isEqualTo("7");
        assertThat(event.path("house").asString()).isEqualTo("brazino");
        assertThat(event.path("id").asLong()).isPositive();
    }

    @Test
    void theSeedsUserIdNamesThePlayerAndAMissingTimestampIsTheTimeOfReceipt() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode event = api.post("/event", """
                {"eventType":"login","userId":"%s"}""".formatted(player)).json();

        assertThat(event.path("playerId").asString()).isEqualTo(player);
        assertThat(Instant.parse(event.path("timestampUtc").asString())).isBetween(before, Instant.now());
    }

    @Test
    void aRetryWithTheSameEventIdAndTimestampIsStoredOnce() {
        String body = """
                {"eventType":"purchase_screen","playerId":"%s","eventId":"evt-1","timestampUtc":"%s"}"""
            .formatted(player, yesterdayAt("08:00:00"));

        long first = api.post("/event", body).json().path("id").asLong();
        ServiceHttp.Answer retry = api.post("/event", body);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("id").asLong()).isEqualTo(first);
        assertThat(api.get("/events?playerId=" + player).json()).hasSize(1);
    }

    @Test
    void invalidEventsAreAnsweredWithProblemDetailsNamingEachField() {
        ServiceHttp.Answer missing = api.post("/event", """
                {"meta":"{}","timestampUtc":"%s"}""".formatted(yesterdayAt("10:30:00")));
        ServiceHttp.Answer badType = api.post("/event", """
                {"eventType":"level complete!","playerId":"%s"}""".formatted(player));
        ServiceHttp.Answer notJson = api.post("/event", """
                {"eventType":"x","playerId":"%s","meta":"level=42"}""".formatted(player));
        ServiceHttp.Answer future = api.post("/event", """
                {"eventType":"x","playerId":"%s","timestampUtc":"%s"}""".formatted(player,
                Instant.now().plus(1, ChronoUnit.HOURS)));
        ServiceHttp.Answer tooOld = api.post("/event", """
                {"eventType":"x","playerId":"%s","timestampUtc":"%s"}""".formatted(player,
                Instant.now().minus(731, ChronoUnit.DAYS)));
        ServiceHttp.Answer badTime = api.post("/event", """
                {"eventType":"x","playerId":"%s","timestampUtc":"yesterday"}""".formatted(player));
        ServiceHttp.Answer broken = api.post("/event", "{\"eventType\":");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(missing.json().path("errors").valueStream().map(error -> error.path("field").asString()))
            .containsExactlyInAnyOrder("eventType", "playerId");
        assertThat(badType.fieldError("eventType").path("message").asString()).contains("letters, digits");
        assertThat(notJson.fieldError("meta").path("message").asString()).contains("JSON document");
        assertThat(future.fieldError("timestampUtc").path("message").asString()).isEqualTo("is in the future");
        assertThat(tooOld.fieldError("timestampUtc").path("message").asString()).contains("older than");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.fieldError("timestampUtc").path("message").asString()).isEqualTo("has the wrong type or format");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("title").asString()).isEqualTo("Unreadable request");
        assertThat(api.get("/events?playerId=" + player).json()).isEmpty();
    }

    @Test
    void theHistoryIsTheLast100NewestFirstAndTheLinkHeaderPagesBeyondWithoutSkippingOrRepeating() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        for (int i = 0; i < 130; i++) {
            // Pairs share a timestamp, so the cursor must also order by id.
            api.post("/event", """
                    {"eventType":"spin","playerId":"%s","meta":"{\\"n\\":%d}","timestampUtc":"%s"}"""
                .formatted(player, i, start.plusSeconds(i / 2)));
        }

        ServiceHttp.Answer first = api.get("/events?playerId=" + player);
        List<Integer> seen = new ArrayList<>();
        first.json().forEach(event -> seen.add(number(event)));
        Matcher next = NEXT.matcher(first.header("Link"));
        assertThat(next.matches()).isTrue();
        ServiceHttp.Answer second = api.get(next.group(1));
        second.json().forEach(event -> seen.add(number(event)));

        assertThat(first.json()).hasSize(100);
        assertThat(second.json()).hasSize(30);
        assertThat(second.header("Link")).isNull();
        List<Integer> newestFirst = new ArrayList<>();
        for (int i = 129; i >= 0; i--) {
            newestFirst.add(i);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(newestFirst);
        assertThat(timestamps(first.json())).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(api.get("/events?playerId=" + player + "&limit=5").json()).hasSize(5);
        assertThat(api.get("/events?playerId=" + player + "&limit=0").status()).isEqualTo(400);
        ServiceHttp.Answer garbage = api.get("/events?playerId=" + player + "&before=garbage");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("errors").get(0).path("field").asString()).isEqualTo("before");
    }

    @Test
    void statsCountEventsAndDistinctPlayersPerTypeAndUtcDay() {
        String other = player + "-other";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant noon = today.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant lateEvening = today.minusDays(2).atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        Instant nextMorning = today.minusDays(1).atTime(0, 0).toInstant(ZoneOffset.UTC);
        String type = "stat_" + UUID.randomUUID().toString().substring(0, 8);
        for (String[] event : new String[][] { { player, noon.toString() }, { player, lateEvening.toString() },
                { other, noon.toString() }, { other, nextMorning.toString() } }) {
            api.post("/event", """
                    {"eventType":"%s","playerId":"%s","timestampUtc":"%s"}""".formatted(type, event[0], event[1]));
        }

        JsonNode stats = api.get("/stats?eventType=" + type + "&from=" + today.minusDays(3) + "&to=" + today).json();

        assertThat(stats).hasSize(2);
        assertThat(stats.get(0).path("day").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(stats.get(0).path("events").asLong()).isEqualTo(1);
        assertThat(stats.get(0).path("players").asLong()).isEqualTo(1);
        assertThat(stats.get(1).path("day").asString()).isEqualTo(today.minusDays(2).toString());
        assertThat(stats.get(1).path("events").asLong()).isEqualTo(3);
        assertThat(stats.get(1).path("players").asLong()).isEqualTo(2);
        assertThat(api.get("/stats?playerId=" + player + "&eventType=" + type).json().get(0).path("events").asLong())
            .isEqualTo(2);
        assertThat(api.get("/stats?from=" + today + "&to=" + today.minusDays(1)).status()).isEqualTo(400);
    }

    private static String yesterdayAt(String time) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T" + time + "Z";
    }

    private static int number(JsonNode event) {
        return Integer.parseInt(event.path("meta").asString().replaceAll("\\D", ""));
    }

    private static List<Instant> timestamps(JsonNode events) {
        List<Instant> times = new ArrayList<>();
        events.forEach(event -> times.add(Instant.parse(event.path("timestampUtc").asString())));
        return times;
    }
}
