package io.croupier.postback.gaming;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackSettings;
import io.croupier.postback.inbound.InboundGate;
import io.croupier.postback.intake.Conversion;
import io.croupier.postback.intake.DedupeKey;
import io.croupier.postback.intake.Fields;
import io.croupier.postback.intake.InboundCall;
import io.croupier.postback.intake.Outcome;
import io.croupier.postback.intake.PostbackDesk;
import io.croupier.postback.intake.Receipt;
import io.croupier.postback.intake.Rejection;
import io.croupier.postback.intake.SignedMessage;
import io.croupier.postback.offer.KnownOffer;
import io.croupier.postback.offer.OfferReplica;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000: a casino platform's registration and deposit webhooks. The platform names the house (matched against
 * offers' house slug), whose inbound policy applies (signed webhooks, allowed sources); a registration has no
 * transaction id, so the player registering is its dedupe key.
 */
@Tag(name = "Gaming webhooks", description = "Seed 000: a casino platform's registration and deposit webhooks as "
        + "JSON; the first deposit earns the CPA.")
@RestController
class GamingWebhookController {

    private static final String DEFAULT_CURRENCY = "USD";

    private final PostbackDesk desk;

    private final OfferReplica offers;

    private final InboundGate gate;

    private final boolean acceptUnknownPlatforms;

    GamingWebhookController(PostbackDesk desk, OfferReplica offers, InboundGate gate, PostbackSettings settings) {
        this.desk = desk;
        this.offers = offers;
        this.gate = gate;
        this.acceptUnknownPlatforms = settings.gaming().acceptUnknownPlatforms();
    }

    @PostMapping("/webhooks/gaming/registration")
    @Operation(summary = "Seed 000 registration webhook")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
            {"user_id": "user_12345678", "platform": "casino_pro", "registration_method": "email", "country": "US",
             "timestamp": "2025-12-13T19:30:53Z"}""")))
    ResponseEntity<?> registration(HttpServletRequest request) {
        return receive(request, webhook -> Conversion.reported(
                new DedupeKey(webhook.scope(), "registration:" + webhook.userId(), "APPROVED"),
                webhook.event().setKind(ConversionKind.REGISTRATION)));
    }

    @PostMapping("/webhooks/gaming/deposit")
    @Operation(summary = "Seed 000 deposit webhook; is_first_deposit marks the FTD, and without it the player's "
            + "history decides")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
            {"user_id": "user_12345678", "amount": 100.00, "currency": "USD", "transaction_id": "tx_a1b2c3d4e5f6",
             "platform": "casino_pro", "game_type": "slots", "payment_method": "credit_card",
             "is_first_deposit": true, "timestamp": "2025-12-13T19:30:53Z"}""")))
    ResponseEntity<?> deposit(HttpServletRequest request) {
        return receive(request, webhook -> {
            Fields fields = webhook.fields();
            String transactionId = fields.requiredText("transaction_id");
            BigDecimal amount = nonZero(fields.requiredAmount("amount", false));
            String currency = fields.currency("currency", DEFAULT_CURRENCY);
            // Absent is not false: attribution-service then tells from the player's history (seed 000's own
            // troubleshooting payload sends no flag).
            Boolean first = fields.bool("is_first_deposit").orElse(null);
            ConversionReported.Builder event = webhook.event()
                .setKind(Boolean.TRUE.equals(first) ? ConversionKind.FTD : ConversionKind.DEPOSIT)
                .setTransactionId(transactionId)
                .setAmount(new Money(amount.toPlainString(), currency))
                .setFirstDeposit(first);
            return Conversion.reported(new DedupeKey(webhook.scope(), "deposit:" + transactionId, "APPROVED"),
                    event);
        });
    }

    @PostMapping("/webhooks/gaming/chargeback")
    @Operation(summary = "Chargeback webhook in seed 000's style: the player disputed the deposit named by "
            + "transaction_id; its CPA is clawed back within the deal's window and its RevShare reduced")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
            {"user_id": "user_12345678", "transaction_id": "tx_a1b2c3d4e5f6", "amount": 100.00, "currency": "USD",
             "platform": "casino_pro", "reason": "fraudulent_card", "timestamp": "2025-12-20T10:00:00Z"}""")))
    ResponseEntity<?> chargeback(HttpServletRequest request) {
        return receive(request, webhook -> {
            Fields fields = webhook.fields();
            String transactionId = fields.requiredText("transaction_id");
            Optional<BigDecimal> amount = fields.amount("amount", false).map(GamingWebhookController::nonZero);
            String currency = fields.currency("currency", DEFAULT_CURRENCY);
            ConversionReported.Builder event = webhook.event()
                .setKind(ConversionKind.CHARGEBACK)
                .setTransactionId(transactionId)
                .setAmount(amount.map(value -> new Money(value.toPlainString(), currency)).orElse(null))
                .setReason(fields.text("reason").orElse(null));
            // The deposit's identity, so it finds the deposit it takes back; its own status makes it a new fact.
            return Conversion.reported(new DedupeKey(webhook.scope(), "deposit:" + transactionId, "CHARGEBACK"),
                    event);
        });
    }

    /**
     * What every webhook does before its own fields: read the JSON, admit the sender, refuse unreplaced macros, name
     * the player; a refusal then carries the sender's offer.
     */
    private ResponseEntity<?> receive(HttpServletRequest request, Function<Webhook, Conversion> interpretation) {
        return answer(desk.process(request, PostbackFormat.GAMING_WEBHOOK, call -> {
            Fields fields = Fields.fromJson(call.body());
            Sender sender = sender(call, fields);
            return sender.interpret(() -> {
                fields.rejectUnreplacedMacros();
                return interpretation.apply(new Webhook(call, fields, sender, fields.requiredText("user_id")));
            });
        }));
    }

    private static BigDecimal nonZero(BigDecimal amount) {
        if (amount.signum() == 0) {
            throw Rejection.invalid("amount must be greater than zero");
        }
        return amount;
    }

    /**
     * The platform names the house (an offer's house slug), whose policy the call must then satisfy. A platform no
     * offer has is refused unless configured otherwise: its webhook would reach an offer through its click id alone,
     * past that offer's signature and allow-list.
     */
    private Sender sender(InboundCall call, Fields fields) {
        Optional<String> platform = fields.text("platform");
        Optional<KnownOffer> offer = platform.flatMap(offers::byHouseSlug);
        if (offer.isEmpty()) {
            if (!acceptUnknownPlatforms) {
                throw new Rejection(Outcome.ERROR_HOUSE_NOT_FOUND, HttpStatus.NOT_FOUND, platform
                    .map(name -> "platform " + name + " is not the house slug of any offer")
                    .orElse("platform is required: it names the house (an offer's house slug)"));
            }
            return new Sender(null, null);
        }
        try {
            return new Sender(offer.get(), gate.admit(offer.get(), call));
        }
        catch (Rejection rejection) {
            throw rejection.forOffer(offer.get().offerId());
        }
    }

    /** Who sent the webhook, as far as it is known, and its verified signature if it carried one. */
    private record Sender(KnownOffer offer, SignedMessage message) {

        Conversion interpret(Supplier<Conversion> interpretation) {
            try {
                return interpretation.get().signedAs(message);
            }
            catch (Rejection rejection) {
                throw offer == null ? rejection : rejection.forOffer(offer.offerId());
            }
        }
    }

    /** One webhook as received: its call, its fields, who sent it and the player it is about. */
    private record Webhook(InboundCall call, Fields fields, Sender sender, String userId) {

        /** The event every webhook reports, before what its kind adds. */
        ConversionReported.Builder event() {
            Instant occurredAt = fields.instant("timestamp", call.receivedAt()).orElse(call.receivedAt());
            return ConversionReported.newBuilder()
                .setStatus(ConversionStatus.APPROVED)
                .setOfferId(sender.offer() == null ? null : sender.offer().offerId())
                .setPlayerId(userId)
                .setClickId(fields.text("click_id").orElse(null))
                .setSubId(fields.text("subid").orElse(null))
                .setOccurredAt(occurredAt);
        }

        /** The platform as sent, not the offer it resolves to, so a retry stays a duplicate after offers change. */
        String scope() {
            return "gaming:" + fields.text("platform").orElse("");
        }
    }

    private static ResponseEntity<?> answer(Receipt receipt) {
        if (receipt instanceof Receipt.Refused refused) {
            return refused.problem();
        }
        Receipt.Accepted accepted = (Receipt.Accepted) receipt;
        return ResponseEntity.ok(new WebhookAnswer("success", accepted.eventId(), accepted.emitted(),
                accepted.duplicate(), accepted.logId()));
    }
}
