package io.croupier.postback.gaming;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000: the casino platform's registration and deposit webhooks, with the seed's own payloads. */
class GamingWebhookTest extends PostbackServiceTest {

    TestOffer casinoPro;

    @BeforeEach
    void platformOffer() {
        casinoPro = offer(unique("casino_pro"), "USD");
    }

    private String deposit(String user, String tx, boolean first) {
        return """
                {
                  "user_id": "%s",
                  "amount": 100.00,
                  "currency": "USD",
                  "transaction_id": "%s",
                  "platform": "%s",
                  "game_type": "slots",
                  "payment_method": "credit_card",
                  "is_first_deposit": %s,
                  "timestamp": "2025-12-13T19:30:53Z"
                }""".formatted(user, tx, casinoPro.houseSlug(), first);
    }

    @Test
    void aFirstDepositIsAnFtdAndTriggersThePostback() {
        String user = unique("user");

        Answer answer = postJson("/webhooks/gaming/deposit", deposit(user, unique("tx"), true));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("success");
        assertThat(answer.body().get("postback_triggered").asBoolean()).isTrue();
        long logId = answer.body().get("log_id").asLong();
        assertThat(answer.body().get("conversion_id").asString()).isEqualTo("postback:" + logId);
        ConversionReported event = delivered(logId);
        assertThat(event.getKind()).isEqualTo(ConversionKind.FTD);
        assertThat(event.getFirstDeposit()).isTrue();
        assertThat(event.getOfferId()).isEqualTo(casinoPro.id());
        assertThat(event.getPlayerId()).isEqualTo(user);
        assertThat(event.getAmount().getAmount()).isEqualTo("100.00");
        assertThat(event.getAmount().getCurrency()).isEqualTo("USD");
        assertThat(event.getOccurredAt()).hasToString("2025-12-13T19:30:53Z");
        assertThat(deliveredRecord(logId).orElseThrow().key()).isEqualTo(casinoPro.id() + ":player:" + user);
    }

    @Test
    void aRepeatDepositIsADepositNotAnFtd() {
        Answer answer = postJson("/webhooks/gaming/deposit", deposit(unique("user"), unique("tx"), false));

        ConversionReported event = delivered(answer.body().get("log_id").asLong());
        assertThat(event.getKind()).isEqualTo(ConversionKind.DEPOSIT);
        assertThat(event.getFirstDeposit()).isFalse();
    }

    @Test
    void aRegistrationIsRecordedOncePerPlayer() {
        String user = unique("user");
        String registration = """
                {
                  "user_id": "%s",
                  "platform": "%s",
                  "registration_method": "email",
                  "country": "US",
                  "timestamp": "2025-12-13T19:30:53Z"
                }""".formatted(user, casinoPro.houseSlug());

        Answer first = postJson("/webhooks/gaming/registration", registration);
        Answer repeat = postJson("/webhooks/gaming/registration", registration);

        assertThat(first.body().get("postback_triggered").asBoolean()).isTrue();
        assertThat(delivered(first.body().get("log_id").asLong()).getKind()).isEqualTo(ConversionKind.REGISTRATION);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("postback_triggered").asBoolean()).isFalse();
        assertThat(repeat.body().get("conversion_id").asString())
            .isEqualTo(first.body().get("conversion_id").asString());
    }

    @Test
    void aDuplicateDepositChangesNothing() {
        String tx = unique("tx");
        String body = deposit(unique("user"), tx, true);
        long first = postJson("/webhooks/gaming/deposit", body).body().get("log_id").asLong();

        Answer repeat = postJson("/webhooks/gaming/deposit", body);

        assertThat(repeat.body().get("postback_triggered").asBoolean()).isFalse();
        assertThat(logRow(repeat.body().get("log_id").asLong()).outcome()).isEqualTo("DUPLICATE");
        delivered(first);
        long marker = postJson("/webhooks/gaming/deposit", deposit(unique("user"), unique("tx"), false)).body()
            .get("log_id").asLong();
        delivered(marker);
        assertThat(deliveredWhere(event -> tx.equals(event.getTransactionId()))).hasSize(1);
    }

    /** Seed 000's own troubleshooting payload sends no flag: attribution-service tells from the player's history. */
    @Test
    void aDepositWithoutTheFirstDepositFlagCarriesNoneAndDefaultsToUsd() {
        Answer answer = postJson("/webhooks/gaming/deposit", "{\"user_id\":\"test\",\"amount\":10.0,\"platform\":\""
                + casinoPro.houseSlug() + "\",\"transaction_id\":\"" + unique("test_tx") + "\"}");

        assertThat(answer.status()).isEqualTo(200);
        ConversionReported event = delivered(answer.body().get("log_id").asLong());
        assertThat(event.getKind()).isEqualTo(ConversionKind.DEPOSIT);
        assertThat(event.getFirstDeposit()).as("no flag sent, none invented").isNull();
        assertThat(event.getAmount().getAmount()).isEqualTo("10.0");
        assertThat(event.getAmount().getCurrency()).isEqualTo("USD");
    }

    /**
     * A webhook naming no known house would be attributed by its click id alone, past the signature and allow-list of
     * the offer that click belongs to. The local stack accepts the seed's platform-less troubleshooting example
     * ({@code accept-unknown-platforms}); its end-to-end test sends it.
     */
    @Test
    void aWebhookWithoutAKnownPlatformIsRefusedUnlessConfiguredOtherwise() {
        Answer withoutPlatform = postJson("/webhooks/gaming/deposit",
                "{\"user_id\":\"test\",\"amount\":10.0,\"transaction_id\":\"" + unique("test_tx") + "\"}");
        Answer unknownPlatform = postJson("/webhooks/gaming/deposit",
                deposit(unique("user"), unique("tx"), true).replace(casinoPro.houseSlug(), "nowhere_casino"));

        assertThat(withoutPlatform.status()).isEqualTo(404);
        assertThat(logRow(withoutPlatform.logId()).outcome()).isEqualTo("ERROR_HOUSE_NOT_FOUND");
        assertThat(withoutPlatform.body().get("detail").asString()).contains("platform is required");
        assertThat(unknownPlatform.status()).isEqualTo(404);
        assertThat(unknownPlatform.body().get("detail").asString()).contains("nowhere_casino");
    }

    @Test
    void malformedInputGetsAProblemDetailAndALogRow() {
        String valid = deposit(unique("user"), unique("tx"), true);
        assertRejected(valid.replace("2025-12-13T19:30:53Z", "yesterday"), "timestamp must be an ISO 8601");
        assertRejected(valid.replace("2025-12-13T19:30:53Z", "2999-01-01T00:00:00Z"), "timestamp is in the future");
        assertRejected(valid.replace("\"USD\"", "\"DOLLARS\""), "is not an ISO 4217 currency code");
        assertRejected(valid.replace("\"USD\"", "\"ABC\""), "is not an ISO 4217 currency code");
        assertRejected(valid.replace("100.00", "-100.00"), "amount must not be negative");
        assertRejected(valid.replace("100.00", "0"), "amount must be greater than zero");
        assertRejected(valid.replace("100.00", "1e400"), "amount is too large");
        assertRejected(valid.replace("100.00", "0.000000001"), "more than 8 decimal places");
        assertRejected(valid.replace("\"is_first_deposit\": true", "\"is_first_deposit\": \"maybe\""),
                "is_first_deposit must be true or false");
        assertRejected(valid.replaceFirst("\"user_id\": \"[^\"]*\"", "\"user_id\": \"{user_id}\""),
                "unreplaced macro {user_id}");
        assertRejected(valid.replaceFirst("\"transaction_id\": \"[^\"]*\",", ""), "transaction_id is required");
        assertRejected(valid.replaceFirst("\"user_id\": \"[^\"]*\"", "\"user_id\": \"" + "u".repeat(256) + "\""),
                "user_id is longer than 255 characters");
    }

    private void assertRejected(String body, String detail) {
        Answer answer = postJson("/webhooks/gaming/deposit", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString()).contains(detail);
        assertThat(logRow(answer.body().get("log_id").asLong()).outcome()).isEqualTo("ERROR_VALIDATION");
    }
}
