package io.croupier.postback.partner;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 004: {@code GET|POST /postback/{key}} from offer networks. The key in the path identifies the offer, whose
 * inbound policy then applies (signed calls, allowed sources), and is never logged; a
 * conversion is keyed by its transaction id (else its click) and status, so pending → approved passes on once.
 */
@Tag(name = "Offer network postbacks", description = "Seed 004: GET|POST /postback/{key} from offer networks, "
        + "the key naming the offer; approved, pending, rejected and test statuses; and the test endpoint.")
@RestController
class PartnerPostbackController {

    private static final Logger log = LoggerFactory.getLogger(PartnerPostbackController.class);

    private static final String DEFAULT_CURRENCY = "USD";

    private static final Set<String> KNOWN = Set.of("click_id", "status", "payout", "currency", "transaction_id",
            "offer_id", "reason", "webhook_id", "webhook_timestamp", "webhook_signature");

    private static final String CHARGEBACK = "chargeback";

    private static final Map<String, ConversionStatus> STATUSES = Map.of("approved", ConversionStatus.APPROVED,
            "pending", ConversionStatus.PENDING, "rejected", ConversionStatus.REJECTED);

    private final PostbackDesk desk;

    private final OfferReplica offers;

    private final InboundGate gate;

    private final PostbackSettings.CustomFields limits;

    PartnerPostbackController(PostbackDesk desk, OfferReplica offers, InboundGate gate, PostbackSettings settings) {
        this.desk = desk;
        this.offers = offers;
        this.gate = gate;
        this.limits = settings.customFields();
    }

    @RequestMapping(path = "/postback/{key}", method = { RequestMethod.GET, RequestMethod.POST })
    @Operation(summary = "Seed 004 partner postback: approved, pending, rejected, chargeback or test conversions",
            description = "Parameters in the query, a form body or a JSON object body; any other field is kept "
                    + "as a custom field.")
    @Parameter(name = "click_id", in = ParameterIn.QUERY,
            description = "required unless offer_id and transaction_id allow the fallback")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "approved (default), pending, rejected, test, or chargeback (with the transaction_id it takes back)")
    @Parameter(name = "payout", in = ParameterIn.QUERY, description = "what the partner pays, a decimal; for a chargeback, the amount charged back")
    @Parameter(name = "currency", in = ParameterIn.QUERY, description = "ISO 4217, default USD")
    @Parameter(name = "transaction_id", in = ParameterIn.QUERY)
    @Parameter(name = "offer_id", in = ParameterIn.QUERY, description = "the partner's own offer id")
    @Parameter(name = "survey_id", in = ParameterIn.QUERY)
    @Parameter(name = "reason", in = ParameterIn.QUERY)
    ResponseEntity<?> postback(@PathVariable String key, HttpServletRequest request) {
        Receipt receipt = desk.process(request, PostbackFormat.PARTNER_POSTBACK, key, call -> interpret(key, call));
        if (receipt instanceof Receipt.Refused refused) {
            return refused.problem();
        }
        Receipt.Accepted accepted = (Receipt.Accepted) receipt;
        return ResponseEntity.ok(new PartnerAnswer("success", "Postback received and distributed",
                Long.toString(accepted.logId()), accepted.duplicate()));
    }

    @GetMapping("/api/analytics/postback/test")
    @Operation(summary = "Seed 004 integration check")
    Map<String, Object> test() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "online");
        answer.put("endpoint", "/api/analytics/postback");
        answer.put("methods", List.of("GET", "POST"));
        answer.put("required_params", List.of("click_id"));
        answer.put("optional_params", List.of("status", "payout", "transaction_id", "+ any custom fields"));
        return answer;
    }

    private Conversion interpret(String key, InboundCall call) {
        KnownOffer offer = offers.byPartnerKey(key)
            .orElseThrow(() -> new Rejection(Outcome.ERROR_INVALID_KEY, HttpStatus.NOT_FOUND, "Invalid postback key"));
        try {
            SignedMessage signed = gate.admit(offer, call);
            return interpret(offer, fields(call, signed != null).rejectUnreplacedMacros(), call).signedAs(signed);
        }
        catch (Rejection rejection) {
            throw rejection.forOffer(offer.offerId());
        }
    }

    /**
     * Query parameters, overridden by a JSON body when one is posted. A signed JSON body is the whole message: its
     * signature does not cover the query, so nothing is taken from there.
     */
    private static Fields fields(InboundCall call, boolean signed) {
        if (call.body() == null) {
            return Fields.of(call.parameters());
        }
        if (signed) {
            return Fields.fromJson(call.body());
        }
        Map<String, String> values = new LinkedHashMap<>(call.parameters());
        Fields body = Fields.fromJson(call.body());
        body.names().forEach(name -> values.put(name, body.raw(name)));
        return Fields.of(values);
    }

    private Conversion interpret(KnownOffer offer, Fields fields, InboundCall call) {
        String status = fields.text("status").orElse("approved").toLowerCase(Locale.ROOT);
        boolean chargeback = CHARGEBACK.equals(status);
        if (!"test".equals(status) && !chargeback && !STATUSES.containsKey(status)) {
            throw Rejection.invalid("status must be approved, pending, rejected, chargeback or test, was '" + status
                    + "'");
        }
        String clickId = fields.text("click_id").orElse(null);
        // A chargeback takes back one conversion, which only its transaction id names.
        String transactionId = chargeback ? fields.requiredText("transaction_id")
                : fields.text("transaction_id").orElse(null);
        String externalOfferId = fields.text("offer_id").or(() -> fields.text("survey_id")).orElse(null);
        // Without a click id attribution falls back to the partner's offer; the transaction id must then say which
        // conversion this is, or a retry could not be told from a second conversion.
        if (clickId == null && (externalOfferId == null || transactionId == null)) {
            throw Rejection.invalid("click_id required");
        }
        if (clickId == null) {
            log.warn("Postback {} for offer {} has no click_id: attribution falls back to partner offer {}",
                    transactionId, offer.offerId(), externalOfferId);
        }
        BigDecimal payout = fields.amount("payout", false).orElse(null);
        String currency = fields.currency("currency", DEFAULT_CURRENCY);
        Map<String, String> customFields = customFields(fields);
        String reason = fields.text("reason", 1000).orElse(null);
        if ("test".equals(status)) {
            return Conversion.test(offer.offerId());
        }
        Money amount = payout == null ? null : new Money(payout.toPlainString(), currency);
        ConversionReported.Builder reported = ConversionReported.newBuilder()
            .setKind(chargeback ? ConversionKind.CHARGEBACK : ConversionKind.CONVERSION)
            .setStatus(chargeback ? ConversionStatus.APPROVED : STATUSES.get(status))
            .setOfferId(offer.offerId())
            .setClickId(clickId)
            .setTransactionId(transactionId)
            .setExternalOfferId(externalOfferId)
            .setReportedPayout(chargeback ? null : amount)
            .setAmount(chargeback ? amount : null)
            .setReason(reason)
            .setCustomFields(customFields)
            .setOccurredAt(call.receivedAt());
        String dedupeKey = transactionId != null ? "tx:" + transactionId : "click:" + clickId;
        return Conversion.reported(new DedupeKey("offer:" + offer.offerId(), dedupeKey, status), reported);
    }

    private Map<String, String> customFields(Fields fields) {
        Map<String, String> custom = new LinkedHashMap<>();
        for (String name : fields.names()) {
            if (KNOWN.contains(name)) {
                continue;
            }
            if (name.length() > limits.maxNameLength()) {
                throw Rejection.invalid("custom field name longer than " + limits.maxNameLength() + " characters");
            }
            fields.text(name, limits.maxValueLength()).ifPresent(value -> custom.put(name, value));
            if (custom.size() > limits.maxCount()) {
                throw Rejection.invalid("more than " + limits.maxCount() + " custom fields");
            }
        }
        return custom;
    }

    /** Seed 004's success body; its log id is a string there, so it stays one. */
    record PartnerAnswer(String status, String message, @JsonProperty("log_id") String logId, boolean duplicate) {
    }
}
