package io.croupier.click.offer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.croupier.click.ClickServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AuditRecorded;
import io.croupier.events.GuessedLinkPolicy;
import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ClickServiceTest
class OfferAdminApiTest {

    private static final TopicRecords<Offer> OFFERS = TopicRecords.of(Topics.OFFERS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ServiceHttp http;

    @BeforeEach
    void client() {
        http = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void createdOfferIsAnsweredWithItsIdGeneratedSecretAndPartnerKeyAndCreationTime() {
        String slug = unique("brazino");
        ServiceHttp.Answer created = http.post("/admin/offers", """
                {"name":"Brazino","casino_url":"https://brazino.example/register?ref={click_id}","weight":1.0,
                 "active":true,"house_slug":"%s",
                 "deal":{"cpa_amount":150,"min_deposit":10,"revshare_percent":null,"currency":"BRL",
                         "negative_carry_over":false}}""".formatted(slug));

        assertThat(created.status()).isEqualTo(201);
        JsonNode offer = created.json();
        assertThat(offer.get("id").isNumber()).isTrue();
        assertThat(offer.get("name").asString()).isEqualTo("Brazino");
        assertThat(offer.get("casino_url").asString()).isEqualTo("https://brazino.example/register?ref={click_id}");
        assertThat(offer.get("postback_secret").asString()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(offer.get("partner_key").asString()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(offer.get("house_slug").asString()).isEqualTo(slug);
        assertThat(offer.get("active").asBoolean()).isTrue();
        assertThat(Instant.parse(offer.get("created_at").asString())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        JsonNode deal = offer.get("deal");
        assertThat(deal.get("version").asInt()).isEqualTo(1);
        assertThat(deal.get("cpa_amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(deal.get("min_deposit").decimalValue()).isEqualByComparingTo("10");
        assertThat(deal.get("revshare_percent").isNull()).isTrue();
        assertThat(deal.get("currency").asString()).isEqualTo("BRL");
    }

    @Test
    void givenSecretAndPartnerKeyAreKeptAndAmountsMayBeStrings() {
        String secret = unique("secret");
        String key = unique("partner");
        JsonNode offer = http.post("/admin/offers", """
                {"name":"Delta","casino_url":"https://delta.example/r","postback_secret":"%s","partner_key":"%s",
                 "deal":{"revshare_percent":"35.5","currency":"EUR"}}""".formatted(secret, key)).json();

        assertThat(offer.get("postback_secret").asString()).isEqualTo(secret);
        assertThat(offer.get("partner_key").asString()).isEqualTo(key);
        assertThat(offer.get("weight").asDouble()).isEqualTo(1.0);
        assertThat(offer.get("deal").get("revshare_percent").decimalValue()).isEqualByComparingTo("35.5");
        assertThat(offer.get("deal").get("cpa_amount").isNull()).isTrue();
    }

    @Test
    void aDealWithoutTermsMeansTheReportedPayoutAndDefaultsToUsd() {
        JsonNode offer = http.post("/admin/offers", """
                {"name":"Plain","casino_url":"https://plain.example/"}""").json();

        JsonNode deal = offer.get("deal");
        assertThat(deal.get("cpa_amount").isNull()).isTrue();
        assertThat(deal.get("revshare_percent").isNull()).isTrue();
        assertThat(deal.get("currency").asString()).isEqualTo("USD");
        assertThat(deal.get("guessed_links").asString()).as("seed 004 scenario 6: processed normally")
            .isEqualTo("PAY");
    }

    @Test
    void whatHappensToMoneyOnAGuessedLinkIsPartOfTheDealAndTravelsWithIt() {
        long id = create("Guarded", true);
        JsonNode held = http.put("/admin/offers/" + id, """
                {"deal":{"cpa_amount":100,"min_deposit":20,"currency":"BRL","guessed_links":"HOLD"}}""").json()
            .get("deal");

        List<ConsumerRecord<String, Offer>> records = OFFERS.awaitRecords(
                record -> record.key().equals(Long.toString(id)), 2);

        assertThat(held.get("guessed_links").asString()).isEqualTo("HOLD");
        assertThat(held.get("version").asInt()).as("a change of terms").isEqualTo(2);
        assertThat(records.get(0).value().getDeal().getGuessedLinks()).isEqualTo(GuessedLinkPolicy.PAY);
        assertThat(records.get(1).value().getDeal().getGuessedLinks()).isEqualTo(GuessedLinkPolicy.HOLD);
        assertThat(http.post("/admin/offers", """
                {"name":"X","casino_url":"https://x.example/","deal":{"guessed_links":"MAYBE"}}""").status())
            .isEqualTo(400);
    }

    @Test
    void listShowsEveryOfferAndActiveOnlyLeavesOutInactiveOnes() {
        long active = create("Active", true);
        long inactive = create("Inactive", false);

        List<Long> all = ids(http.get("/admin/offers").json());
        List<Long> activeOnly = ids(http.get("/admin/offers?active_only=true").json());

        assertThat(all).contains(active, inactive);
        assertThat(activeOnly).contains(active).doesNotContain(inactive);
        assertThat(http.get("/admin/offers/" + active).json().get("name").asString()).isEqualTo("Active");
    }

    @Test
    void theSeedsBareListStaysWhilePagesFollowTheirCursorOldestFirst() {
        List<Long> created = List.of(create("Paged", true), create("Paged", false), create("Paged", true));
        List<Long> bare = ids(http.get("/admin/offers").json());

        JsonNode first = http.get("/admin/offers?limit=2").json();
        List<Long> paged = new ArrayList<>();
        JsonNode page = first;
        paged.addAll(ids(page.get("items")));
        while (!page.get("next_cursor").isNull()) {
            page = http.get("/admin/offers?limit=2&cursor=" + page.get("next_cursor").asString()).json();
            paged.addAll(ids(page.get("items")));
        }
        JsonNode activePage = http.get("/admin/offers?active_only=true&limit=500").json();

        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(paged).as("every offer once, by id").containsAll(created).doesNotHaveDuplicates().isSorted()
            .containsExactlyElementsOf(bare);
        assertThat(ids(activePage.get("items"))).contains(created.get(0), created.get(2))
            .doesNotContain(created.get(1));
        ServiceHttp.Answer notOurs = http.get("/admin/offers?cursor=not-a-cursor-of-ours");
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/admin/offers?limit=501").status()).isEqualTo(400);
    }

    @Test
    void anUnknownOfferIdIs404() {
        for (ServiceHttp.Answer answer : List.of(http.get("/admin/offers/987654321"),
                http.put("/admin/offers/987654321", "{\"name\":\"x\"}"), http.delete("/admin/offers/987654321"))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asString()).contains("987654321");
        }
    }

    @Test
    void putChangesOnlyTheGivenFields() {
        long id = create("Before", true);

        JsonNode changed = http.put("/admin/offers/" + id, """
                {"name":"After","weight":2.5}""").json();

        assertThat(changed.get("name").asString()).isEqualTo("After");
        assertThat(changed.get("weight").asDouble()).isEqualTo(2.5);
        assertThat(changed.get("casino_url").asString()).isEqualTo("https://casino.example/register");
        assertThat(changed.get("deal").get("version").asInt()).isEqualTo(1);
    }

    @Test
    void changingDealTermsBumpsTheDealVersionAndMovesEffectiveFrom() {
        long id = create("Deal", true);
        JsonNode before = http.get("/admin/offers/" + id).json().get("deal");

        JsonNode same = http.put("/admin/offers/" + id, """
                {"deal":{"cpa_amount":"100.00","min_deposit":20,"currency":"BRL"}}""").json().get("deal");
        JsonNode changed = http.put("/admin/offers/" + id, """
                {"deal":{"cpa_amount":120,"min_deposit":20}}""").json().get("deal");

        assertThat(same.get("version").asInt()).isEqualTo(1);
        assertThat(same.get("effective_from").asString()).isEqualTo(before.get("effective_from").asString());
        assertThat(changed.get("version").asInt()).isEqualTo(2);
        assertThat(changed.get("currency").asString()).as("an omitted currency keeps the deal's").isEqualTo("BRL");
        assertThat(Instant.parse(changed.get("effective_from").asString()))
            .isAfter(Instant.parse(before.get("effective_from").asString()));
    }

    @Test
    void invalidOffersAre400WithAMessagePerField() {
        ServiceHttp.Answer answer = http.post("/admin/offers", """
                {"casino_url":"","weight":-1,"deal":{"cpa_amount":-5,"revshare_percent":101,"currency":"brl"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalidFields(answer)).contains("name", "casino_url", "weight", "deal.cpa_amount",
                "deal.revshare_percent", "deal.currency");
    }

    @Test
    void everyInvalidFieldIsNamedInOneAnswerTheUrlAndTheCurrencyAmongThem() {
        ServiceHttp.Answer answer = http.post("/admin/offers", """
                {"casino_url":"https://casino.example/?x={nope}","weight":-1,"deal":{"currency":"XYZ"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(invalidFields(answer)).containsExactlyInAnyOrder("name", "casino_url", "weight", "deal.currency");
        JsonNode url = answer.fieldError("casino_url");
        assertThat(url.get("message").asString()).contains("{nope}");
        assertThat(answer.json().get("detail").asString()).contains("casino_url: ").contains("deal.currency: ");
    }

    @Test
    void offerUrlsMustBeAbsoluteHttpUrlsWithKnownMacros() {
        for (String url : List.of("javascript:alert(1)", "/relative", "https://casino.example/?x={nope}",
                "https://{sub1}.casino.example/")) {
            ServiceHttp.Answer answer = http.post("/admin/offers", """
                    {"name":"Bad","casino_url":"%s"}""".formatted(url));

            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.fieldError("casino_url").get("message").asString()).as(url).isNotBlank();
        }
    }

    @Test
    void anInvalidUrlInAChangeIsA400AndChangesNothing() {
        long id = create("Kept URL", true);

        ServiceHttp.Answer answer = http.put("/admin/offers/" + id, """
                {"casino_url":"ftp://casino.example/"}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(invalidFields(answer)).containsExactly("casino_url");
        assertThat(http.get("/admin/offers/" + id).json().get("casino_url").asString()).startsWith("https://");
    }

    @Test
    void anUnknownCurrencyOrMalformedJsonIs400() {
        assertThat(http.post("/admin/offers", """
                {"name":"X","casino_url":"https://x.example/","deal":{"currency":"XYZ"}}""").status()).isEqualTo(400);
        assertThat(http.post("/admin/offers", "{\"name\":").status()).isEqualTo(400);
        assertThat(http.post("/admin/offers", """
                {"name":"X","casino_url":"https://x.example/","weight":"heavy"}""").status()).isEqualTo(400);
        assertThat(http.get("/admin/offers/abc").status()).isEqualTo(400);
    }

    @Test
    void houseSlugAndPartnerKeyAreUnique() {
        String slug = unique("house");
        String key = unique("partner");
        http.post("/admin/offers", """
                {"name":"First","casino_url":"https://a.example/","house_slug":"%s","partner_key":"%s"}"""
            .formatted(slug, key));

        ServiceHttp.Answer sameSlug = http.post("/admin/offers", """
                {"name":"Second","casino_url":"https://b.example/","house_slug":"%s"}""".formatted(slug));
        ServiceHttp.Answer sameKey = http.post("/admin/offers", """
                {"name":"Third","casino_url":"https://c.example/","partner_key":"%s"}""".formatted(key));

        assertThat(sameSlug.status()).isEqualTo(409);
        assertThat(invalidFields(sameSlug)).containsExactly("house_slug");
        assertThat(sameKey.status()).isEqualTo(409);
        assertThat(invalidFields(sameKey)).containsExactly("partner_key");
    }

    @Test
    void deletingAnOfferWithoutClicksErasesIt() {
        long id = create("Unclicked", true);

        ServiceHttp.Answer deleted = http.delete("/admin/offers/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").asString()).isEqualTo("deleted");
        assertThat(http.get("/admin/offers/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingAnOfferWithClicksDeactivatesItInstead() {
        long id = create("Clicked", true);
        assertThat(http.get("/click?offer=" + id).status()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> jdbc.sql("select first_click_at is not null from offers where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single());

        ServiceHttp.Answer deleted = http.delete("/admin/offers/" + id);

        assertThat(deleted.json().get("status").asString()).isEqualTo("deactivated");
        JsonNode offer = http.get("/admin/offers/" + id).json();
        assertThat(offer.get("active").asBoolean()).isFalse();
        assertThat(http.get("/click?offer=" + id).status()).isEqualTo(404);
    }

    @Test
    void everyChangeIsPublishedOnTheOffersTopicKeyedByOfferId() {
        long id = create("Published", true);
        http.put("/admin/offers/" + id, """
                {"deal":{"cpa_amount":99,"currency":"BRL"}}""");
        http.delete("/admin/offers/" + id);

        List<ConsumerRecord<String, Offer>> records = OFFERS.awaitRecords(
                record -> record.key().equals(Long.toString(id)), 3);

        assertThat(records).hasSize(3);
        Offer created = records.get(0).value();
        assertThat(created.getOfferId()).isEqualTo(Long.toString(id));
        assertThat(created.getName()).isEqualTo("Published");
        assertThat(created.getCasinoUrl()).isEqualTo("https://casino.example/register");
        assertThat(created.getDeal().getVersion()).isEqualTo(1);
        assertThat(created.getDeal().getCpaAmount()).isEqualTo("100");
        Offer updated = records.get(1).value();
        assertThat(updated.getDeal().getVersion()).isEqualTo(2);
        assertThat(updated.getDeal().getCpaAmount()).isEqualTo("99");
        assertThat(updated.getDeal().getEffectiveFrom()).isAfter(created.getDeal().getEffectiveFrom());
        assertThat(records.get(2).value().getActive()).isFalse();
    }

    @Test
    void everyOfferChangeIsAuditedWithItsManagerAndTheSecretsRedacted() {
        String secret = unique("audited-secret");
        long id = http.post("/admin/offers", """
                {"name":"Audited","casino_url":"https://audited.example/","postback_secret":"%s","weight":1.0}"""
            .formatted(secret)).json().get("id").asLong();
        http.put("/admin/offers/" + id, """
                {"weight":3.5,"postback_secret":"%s"}""".formatted(unique("rotated")));
        http.delete("/admin/offers/" + id);

        List<AuditRecorded> changes = TopicRecords.of(Topics.AUDIT)
            .awaitValues(change -> Long.toString(id).equals(change.getObjectId()), 3);

        assertThat(changes).extracting(AuditRecorded::getAction).containsExactly("create", "update", "delete");
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getService()).isEqualTo("click-service");
            assertThat(change.getObjectType()).isEqualTo("offer");
            assertThat(change.getActor().getSubject()).isEqualTo("test-manager");
            assertThat(String.valueOf(change.getBefore()) + change.getAfter()).doesNotContain(secret)
                .doesNotContain("rotated");
        });
        assertThat(changes.get(1).getChangedFields()).contains("weight", "postback_secret");
        assertThat(changes.get(1).getBefore()).contains("\"weight\":1.0");
        assertThat(changes.get(1).getAfter()).contains("\"weight\":3.5").contains("\"postback_secret\":\"***\"");
        assertThat(changes.get(2).getAfter()).isNull();
    }

    private long create(String name, boolean active) {
        ServiceHttp.Answer answer = http.post("/admin/offers", """
                {"name":"%s","casino_url":"https://casino.example/register","active":%s,
                 "deal":{"cpa_amount":100,"min_deposit":20,"currency":"BRL"}}""".formatted(name, active));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    /** The fields a problem's {@code errors} list names, in its order. */
    private static List<String> invalidFields(ServiceHttp.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static List<Long> ids(JsonNode offers) {
        return offers.valueStream().map(offer -> offer.get("id").asLong()).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
