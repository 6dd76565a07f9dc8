package io.croupier.postback.offerrouter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.postback.inbound.InboundGate;
import io.croupier.postback.intake.Conversion;
import io.croupier.postback.intake.DedupeKey;
import io.croupier.postback.intake.Fields;
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
 * Seed 001: {@code POST /postback} from the offer router's casinos. The secret identifies the offer, whose inbound
 * policy then applies (signed webhooks, allowed sources); whether the
 * click belongs to it is attribution-service's check. One event per click and event type is the dedupe key, as the
 * seed keeps one FTD per click.
 */
@Tag(name = "Offer router postback", description = "Seed 001: POST /postback from an offer router's casinos, "
        + "authenticated by the offer's postback secret; one first deposit per click.")
@RestController
class OfferRouterPostbackController {

    private static final Map<String, ConversionKind> KINDS = Map.of("ftd", ConversionKind.FTD, "registration",
            ConversionKind.REGISTRATION, "deposit", ConversionKind.DEPOSIT);

    private final PostbackDesk desk;

    private final OfferReplica offers;

    private final InboundGate gate;

    OfferRouterPostbackController(PostbackDesk desk, OfferReplica offers, InboundGate gate) {
        this.desk = desk;
        this.offers = offers;
        this.gate = gate;
    }

    @PostMapping("/postback")
    @Operation(summary = "Seed 001 postback: FTD and payout events authenticated by the offer's secret")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
            {"click_id": "abc-123-def", "event": "ftd", "payout": 100, "secret": "your_offer_secret_here",
             "external_player_id": "player123"}""")))
    ResponseEntity<?> postback(HttpServletRequest request) {
        Receipt receipt = desk.process(request, PostbackFormat.OFFER_ROUTER, call -> {
            Fields fields = Fields.fromJson(call.body());
            KnownOffer offer = fields.text("secret").flatMap(offers::bySecret).orElseThrow(
                    () -> new Rejection(Outcome.ERROR_INVALID_KEY, HttpStatus.FORBIDDEN, "invalid postback secret"));
            try {
                SignedMessage signed = gate.admit(offer, call);
                return interpret(fields.rejectUnreplacedMacros(), offer, call.receivedAt()).signedAs(signed);
            }
            catch (Rejection rejection) {
                throw rejection.forOffer(offer.offerId());
            }
        });
        if (receipt instanceof Receipt.Refused refused) {
            return refused.problem();
        }
        Receipt.Accepted accepted = (Receipt.Accepted) receipt;
        return ResponseEntity.ok(new RouterAnswer("success", "FTD and payout recorded",
                accepted.conversion().event().getClickId(), accepted.duplicate(), accepted.logId()));
    }

    private static Conversion interpret(Fields fields, KnownOffer offer, Instant receivedAt) {
        String clickId = fields.requiredText("click_id");
        String event = fields.requiredText("event").toLowerCase(Locale.ROOT);
        BigDecimal payout = fields.amount("payout", false).orElse(null);
        ConversionReported.Builder reported = ConversionReported.newBuilder()
            .setKind(KINDS.getOrDefault(event, ConversionKind.CONVERSION))
            .setStatus(ConversionStatus.APPROVED)
            .setOfferId(offer.offerId())
            .setClickId(clickId)
            .setPlayerId(fields.text("external_player_id").orElse(null))
            .setReportedPayout(payout == null ? null : new Money(payout.toPlainString(), offer.dealCurrency()))
            .setOccurredAt(receivedAt);
        return Conversion.reported(new DedupeKey("offer:" + offer.offerId(), "click:" + clickId + ":" + event,
                "APPROVED"), reported);
    }

    record RouterAnswer(String status, String message, @JsonProperty("click_id") String clickId, boolean duplicate,
            @JsonProperty("log_id") long logId) {
    }
}
