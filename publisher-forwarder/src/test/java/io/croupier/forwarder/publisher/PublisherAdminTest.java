package io.croupier.forwarder.publisher;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.croupier.embedded.TopicRecords;
import io.croupier.events.AuditRecorded;
import io.croupier.events.Publisher;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherAdminTest extends ForwarderIntegrationTest {

    @Test
    void creatingAPublisherAnswers201WithItsIdAndTheGeneratedSecretShownOnlyThen() {
        String username = "joao" + unique();
        String body = """
                {"name":"João","username":"%s",
                 "postback_url":"http://127.0.0.1:8090/demo-publisher/postback?click_id={click_id}&payout={payout}&currency={currency}&status={status}",
                 "method":"GET","signing_secret":null,"payout_terms":{"revshare_percent":80,"fixed_amount":null,"currency":null},
                 "offer_terms":{},"rate_limit_per_second":50,"offerwall":false,"active":true}""".formatted(username);

        Answer created = post("/admin/publishers", body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("id").isNumber()).isTrue();
        String secret = created.body().get("signing_secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isGreaterThanOrEqualTo(24);
        assertThat(created.body().get("name").asString()).isEqualTo("João");
        assertThat(created.body().get("payout_terms").get("revshare_percent").decimalValue()).isEqualByComparingTo("80");

        List<JsonNode> listed = everyPublisher(500);
        JsonNode mine = null;
        for (JsonNode publisher : listed) {
            assertThat(publisher.has("signing_secret")).isFalse();
            if (publisher.get("username").asString().equals(username)) {
                mine = publisher;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("id").asLong()).isEqualTo(created.body().get("id").asLong());
    }

    @Test
    void fixedTermsAndPerOfferTermsAreAccepted() {
        Answer created = post("/admin/publishers", """
                {"name":"Maria","username":"maria%s","postback_url":"https://maria.example/pb?c={click_id}",
                 "payout_terms":{"revshare_percent":null,"fixed_amount":50,"currency":"BRL"},
                 "offer_terms":{"7":{"revshare_percent":90}}}""".formatted(unique()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("payout_terms").get("fixed_amount").decimalValue()).isEqualByComparingTo("50");
        assertThat(created.body().get("payout_terms").get("currency").asString()).isEqualTo("BRL");
        assertThat(created.body().get("offer_terms").get("7").get("revshare_percent").asInt()).isEqualTo(90);
        assertThat(created.body().get("method").asString()).isEqualTo("GET");
        assertThat(created.body().get("rate_limit_per_second").asInt()).isEqualTo(50);
    }

    @Test
    void aUsernameIsUnique() {
        String body = publisher("dup" + unique(), "https://pub.example/pb?c={click_id}");
        assertThat(post("/admin/publishers", body).status()).isEqualTo(201);

        Answer second = post("/admin/publishers", body);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("detail").asString()).contains("already taken");
    }

    @Test
    void anUnknownMacroIsRejectedWithAProblemWhenThePublisherIsSaved() {
        Answer answer = post("/admin/publishers", publisher("m" + unique(), "https://pub.example/pb?c={clik_id}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.body().get("detail").asString()).contains("{clik_id}");
    }

    @Test
    void badInputGetsAClearProblemAndNeverA500() {
        List<String> bodies = List.of("{not json",
                publisher("", "https://pub.example/pb"),
                publisher("x" + unique(), "ftp://pub.example/pb"),
                publisher("x" + unique(), "https://pub.example/pb").replace("\"GET\"", "\"PUT\""),
                publisher("x" + unique(), "https://pub.example/pb").replace("\"signing_secret\":null",
                        "\"signing_secret\":\"whsec_c2hvcnQ=\""),
                publisher("x" + unique(), "https://pub.example/pb").replace("\"revshare_percent\":80",
                        "\"revshare_percent\":180"),
                publisher("x" + unique(), "https://pub.example/pb").replace("\"revshare_percent\":80",
                        "\"fixed_amount\":5,\"currency\":\"XXY\""),
                publisher("x" + unique(), "https://pub.example/pb").replace("\"rate_limit_per_second\":50",
                        "\"rate_limit_per_second\":0"));

        for (String body : bodies) {
            Answer answer = post("/admin/publishers", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.contentType()).as(body).contains("application/problem+json");
        }
        Integer unknown = http.get().uri("/admin/publishers/999999999")
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(unknown).isEqualTo(404);
    }

    @Test
    void everyChangeIsPublishedOnThePublishersTopicKeyedById() {
        String username = "topic" + unique();
        Answer created = post("/admin/publishers", publisher(username, "https://pub.example/pb?c={click_id}"));
        long id = created.body().get("id").asLong();
        http.put().uri("/admin/publishers/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .body(publisher(username, "https://pub.example/pb?c={click_id}").replace("\"Test\"", "\"Renamed\""))
            .retrieve()
            .toBodilessEntity();

        List<Publisher> published = publishedUnderKey(Long.toString(id), 2);

        assertThat(published).extracting(Publisher::getName).containsExactly("Test", "Renamed");
        assertThat(published.get(1).getUsername()).isEqualTo(username);
        assertThat(published.get(1).getTerms().getRevSharePercent()).isEqualTo("80");
    }

    private static List<Publisher> publishedUnderKey(String key, int count) {
        return TopicRecords.of(Topics.PUBLISHERS).awaitRecords(record -> key.equals(record.key()), count).stream()
            .map(ConsumerRecord::value)
            .toList();
    }

    private static String publisher(String username, String url) {
        return """
                {"name":"Test","username":"%s","postback_url":"%s","method":"GET","signing_secret":null,
                 "payout_terms":{"revshare_percent":80},"rate_limit_per_second":50}""".formatted(username, url);
    }

    @Test
    void everyPublisherChangeIsAuditedWithoutItsSigningSecret() {
        String username = "audited" + unique();
        Answer created = post("/admin/publishers", """
                {"name":"Audited","username":"%s","postback_url":"https://audited.example/pb?c={click_id}",
                 "payout_terms":{"revshare_percent":80}}""".formatted(username));
        long id = created.body().get("id").asLong();
        String firstSecret = created.body().get("signing_secret").asString();
        String rotatedSecret = post("/admin/publishers/" + id + "/signing-secret", "").body().get("signing_secret")
            .asString();
        http.delete().uri("/admin/publishers/{id}", id).retrieve().toBodilessEntity();

        List<AuditRecorded> changes = TopicRecords.of(Topics.AUDIT)
            .awaitValues(record -> record.getObjectType().equals("publisher")
                    && record.getObjectId().equals(Long.toString(id)), 3);

        assertThat(changes).extracting(AuditRecorded::getAction)
            .containsExactly("create", "rotate-signing-secret", "deactivate");
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getService()).isEqualTo("publisher-forwarder");
            assertThat(change.getActor().getSubject()).isEqualTo("test-manager");
            assertThat(String.valueOf(change.getBefore()) + change.getAfter()).doesNotContain(firstSecret)
                .doesNotContain(rotatedSecret).doesNotContain("whsec_");
        });
        assertThat(changes.get(2).getChangedFields()).contains("active");
    }

    @Test
    void thePublisherListIsPagedByItsCursorOldestFirst() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/admin/publishers", publisher("page" + unique(), "https://pub.example/pb?c={click_id}"))
                .status()).isEqualTo(201);
        }
        JsonNode first = page("/admin/publishers?limit=2");
        List<Long> paged = everyPublisher(2).stream().map(publisher -> publisher.get("id").asLong()).toList();
        List<Long> inOnePage = everyPublisher(500).stream().map(publisher -> publisher.get("id").asLong()).toList();

        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("next_cursor").isNull()).isFalse();
        assertThat(paged).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates().isSorted()
            .containsExactlyElementsOf(inOnePage);
        Answer notOurs = get("/admin/publishers?cursor=" + "not-a-cursor-of-ours");
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.contentType()).contains("application/problem+json");
        assertThat(get("/admin/publishers?limit=0").status()).isEqualTo(400);
    }

    /** Every publisher, following the pages' cursors to the last page. */
    private List<JsonNode> everyPublisher(int limit) {
        List<JsonNode> publishers = new ArrayList<>();
        JsonNode page = page("/admin/publishers?limit=" + limit);
        page.get("items").forEach(publishers::add);
        while (!page.get("next_cursor").isNull()) {
            page = page("/admin/publishers?limit=" + limit + "&cursor=" + page.get("next_cursor").asString());
            page.get("items").forEach(publishers::add);
        }
        return publishers;
    }

    private JsonNode page(String path) {
        Answer answer = get(path);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return answer.body();
    }

    private Answer get(String path) {
        return http.get()
            .uri(path)
            .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                    String.valueOf(response.getHeaders().getContentType()), response.bodyTo(JsonNode.class)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Answer post(String path, String body) {
        return http.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                    String.valueOf(response.getHeaders().getContentType()), response.bodyTo(JsonNode.class)));
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}
