package io.croupier.postback.house;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import io.croupier.postback.intake.PostbackLog;
import io.croupier.postback.intake.Receipt;
import io.croupier.postback.intake.Rejection;
import io.croupier.postback.intake.SignedMessage;
import io.croupier.postback.offer.KnownOffer;
import io.croupier.postback.offer.OfferReplica;
import io.croupier.postback.publisher.PublisherReplica;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003: {@code GET /api/postback/{house}/{event}?subid=&amount=} from betting houses. The answer carries the
 * commission the event earns, so it waits (a bounded time) for commission-service's ledger entry instead of
 * computing it with a second copy of the deal rules.
 */
@Tag(name = "Betting house postbacks", description = "Seed 003: GET /api/postback/{house}/{event} from betting "
        + "houses: registration, deposit (CPA after a prior registration) and profit (RevShare); the answer "
        + "carries the commission.")
@RestController
class HousePostbackController {

    private static final Map<String, ConversionKind> EVENTS = Map.of("registration", ConversionKind.REGISTRATION,
            "deposit", ConversionKind.DEPOSIT, "profit", ConversionKind.PROFIT, "chargeback",
            ConversionKind.CHARGEBACK);

    private final PostbackDesk desk;

    private final OfferReplica offers;

    private final PublisherReplica publishers;

    private final InboundGate gate;

    private final CommissionWaiter commissions;

    private final PostbackLog log;

    private final PostbackSettings settings;

    HousePostbackController(PostbackDesk desk, OfferReplica offers, PublisherReplica publishers, InboundGate gate,
            CommissionWaiter commissions, PostbackLog log, PostbackSettings settings) {
        this.desk = desk;
        this.offers = offers;
        this.publishers = publishers;
        this.gate = gate;
        this.commissions = commissions;
        this.log = log;
        this.settings = settings;
    }

    @GetMapping("/api/postback/{house}/{event}")
    @Operation(summary = "Seed 003 house postback: registration, deposit, profit or chargeback of an affiliate's "
            + "player; a chargeback names the disputed deposit's transaction_id")
    @Parameter(name = "subid", in = ParameterIn.QUERY, required = true, description = "the affiliate's username")
    @Parameter(name = "amount", in = ParameterIn.QUERY, description = "deposit or profit in the house's currency")
    @Parameter(name = "transaction_id", in = ParameterIn.QUERY,
            description = "the house's own id of the fact; for a chargeback, required: the disputed deposit's")
    @Parameter(name = "webhook_id", in = ParameterIn.QUERY,
            description = "signed calls: the sender's message id (README, Inbound authentication)")
    @Parameter(name = "webhook_timestamp", in = ParameterIn.QUERY, description = "signed calls: Unix time, seconds")
    @Parameter(name = "webhook_signature", in = ParameterIn.QUERY,
            description = "signed calls: v1,<base64url HMAC-SHA256 of id.timestamp.path?canonical query>")
    ResponseEntity<?> postback(@PathVariable String house, @PathVariable String event, HttpServletRequest request) {
        Receipt receipt = desk.process(request, PostbackFormat.HOUSE_POSTBACK,
                call -> interpret(house, event, call), commissions::expect);
        if (receipt instanceof Receipt.Refused refused) {
            return refused.status().body(new HouseError(error(refused.rejection()), refused.logId()));
        }
        Receipt.Accepted accepted = (Receipt.Accepted) receipt;
        String houseName = offers.byHouseSlug(house).map(KnownOffer::name).orElse(house);
        Optional<Money> commission = commission(accepted);
        return ResponseEntity.ok(new HouseAnswer("success", "Postback processado com sucesso - " + houseName,
                accepted.conversion().event().getKind().name().toLowerCase(Locale.ROOT),
                commission.map(HousePostbackController::plain).orElse(null), houseName, accepted.logId(),
                commission.map(Money::getCurrency).orElse(null),
                commission.isPresent() ? "CALCULATED" : "PENDING", accepted.duplicate()));
    }

    private Conversion interpret(String house, String event, InboundCall call) {
        KnownOffer offer = offers.byHouseSlug(house)
            .filter(KnownOffer::active)
            .orElseThrow(() -> new Rejection(Outcome.ERROR_HOUSE_NOT_FOUND, HttpStatus.NOT_FOUND,
                    "Casa de apostas não encontrada"));
        Fields fields = Fields.of(call.parameters());
        try {
            SignedMessage signed = gate.admit(offer, call);
            return interpret(offer, event, fields.rejectUnreplacedMacros(), call).signedAs(signed);
        }
        catch (Rejection rejection) {
            throw rejection.forOffer(offer.offerId());
        }
    }

    private Conversion interpret(KnownOffer offer, String event, Fields fields, InboundCall call) {
        ConversionKind kind = EVENTS.get(event);
        if (kind == null) {
            throw Rejection.invalid("Evento inválido: use registration, deposit, profit ou chargeback");
        }
        String subId = fields.requiredText("subid");
        BigDecimal amount = switch (kind) {
            case REGISTRATION -> fields.amount("amount", false).orElse(BigDecimal.ZERO);
            case PROFIT -> fields.requiredAmount("amount", true);
            default -> fields.requiredAmount("amount", false);
        };
        if (!publishers.activeWithUsername(subId)) {
            throw new Rejection(Outcome.ERROR_AFFILIATE_NOT_FOUND, HttpStatus.NOT_FOUND, "Afiliado não encontrado");
        }
        String transactionId = kind == ConversionKind.CHARGEBACK ? fields.requiredText("transaction_id")
                : fields.text("transaction_id").orElse(null);
        ConversionReported.Builder reported = ConversionReported.newBuilder()
            .setKind(kind)
            .setStatus(ConversionStatus.APPROVED)
            .setOfferId(offer.offerId())
            .setSubId(subId)
            .setTransactionId(transactionId)
            .setAmount(new Money(amount.toPlainString(), offer.dealCurrency()))
            .setOccurredAt(call.receivedAt());
        // Seed 003 sends no transaction id: two players of one affiliate produce identical calls, so without one the
        // event, affiliate and amount identify the fact only within the house's retry window.
        // A chargeback shares the identity of the deposit it takes back (its transaction id) and is a fact of its own.
        String scope = "offer:" + offer.offerId();
        String status = kind == ConversionKind.CHARGEBACK ? "CHARGEBACK" : "APPROVED";
        DedupeKey dedupe = transactionId != null ? new DedupeKey(scope, "tx:" + transactionId, status)
                : new DedupeKey(scope, event + ":" + subId + ":" + amount.stripTrailingZeros().toPlainString(),
                        "APPROVED", settings.houseRetryWindow());
        return Conversion.reported(dedupe, reported);
    }

    private Optional<Money> commission(Receipt.Accepted accepted) {
        if (accepted.duplicate()) {
            return log.commission(accepted.duplicateOf());
        }
        Optional<Money> commission = commissions.await(accepted.logId(), settings.commissionWait());
        commission.ifPresent(money -> log.recordCommission(accepted.logId(), money));
        return commission;
    }

    /** Seed 003's error texts are Portuguese: authentication failures get theirs, the log row keeps the detail. */
    private static String error(Rejection rejection) {
        return switch (rejection.outcome()) {
            case ERROR_SOURCE_NOT_ALLOWED -> "Acesso negado";
            case ERROR_SIGNATURE_MISSING -> "Assinatura obrigatória";
            case ERROR_SIGNATURE_INVALID -> "Assinatura inválida";
            case ERROR_SIGNATURE_STALE -> "Assinatura expirada";
            case ERROR_SIGNATURE_REPLAYED -> "Assinatura já utilizada";
            default -> rejection.getMessage();
        };
    }

    /** 150.00 answers as 150 and 24.50 as 24.5, as the seed shows its figures. */
    private static BigDecimal plain(Money commission) {
        BigDecimal stripped = new BigDecimal(commission.getAmount()).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
