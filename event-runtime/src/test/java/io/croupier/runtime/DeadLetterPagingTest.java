package io.croupier.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.ServiceHttp;
import io.croupier.events.Click;
import io.croupier.runtime.deadletter.DeadLetters;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /admin/dead-letters}: newest first, paged by the platform's cursor, each letter on exactly one page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class DeadLetterPagingTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EventRuntimeTestApplication.ClickCounter counter;

    @Autowired
    DeadLetters deadLetters;

    ServiceHttp http;

    @BeforeEach
    void client() {
        http = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void everyDeadLetterIsOnExactlyOnePageNewestFirst() throws Exception {
        List<String> deadLettered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Click click = TestClicks.forOffer("offer-paged");
            counter.breakOn(click.getClickId());
            kafka.send(Topics.CLICKS.name(), click.getClickId(), click).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.page(null, 500).stream()
                .anyMatch(letter -> click.getClickId().equals(letter.key())));
            deadLettered.add(0, click.getClickId());
        }

        List<JsonNode> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServiceHttp.Answer answer = http.get("/admin/dead-letters?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            page.path("items").forEach(walked::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);

        List<String> places = walked.stream().map(letter -> letter.path("dead_letter_topic").asString() + "/"
                + letter.path("partition").asInt() + "/" + letter.path("offset").asLong()).toList();
        assertThat(places).as("no letter on two pages").doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(keysOf(walked).stream().filter(deadLettered::contains).toList()).as("newest first, every one once")
            .containsExactlyElementsOf(deadLettered);
        assertThat(walked.stream().map(letter -> Instant.parse(letter.path("dead_lettered_at").asString())).toList())
            .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(http.get("/admin/dead-letters/count").json().path("total").asLong())
            .isEqualTo(walked.size());
    }

    @Test
    void aTamperedCursorOrATooLargeLimitIsABadRequestNamingTheField() {
        http.refusesBadPaging("/admin/dead-letters");
    }

    private static List<String> keysOf(List<JsonNode> letters) {
        return letters.stream().map(letter -> letter.path("key").asString()).toList();
    }
}
