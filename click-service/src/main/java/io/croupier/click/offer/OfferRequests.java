package io.croupier.click.offer;

import java.math.BigDecimal;

import io.croupier.events.GuessedLinkPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The JSON bodies of the admin API (snake_case on the wire). */
final class OfferRequests {

    /** House slugs and partner keys travel in URL paths (seeds 003 and 004). */
    static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    static final String KEY_MESSAGE = "letters, digits, '_', '.' and '-' only";

    /** A partner key, or the masked form an answer showed, which a client may send back unchanged. */
    static final String PARTNER_KEY_PATTERN = "\\*{4}[A-Za-z0-9_.-]*|" + KEY_PATTERN;

    /**
     * {@code POST /admin/offers}: secret and partner key are generated when omitted. Seed 001 clients send the
     * {@code postback_secret} of their choice; the answer is the only place either is shown in full.
     */
    record NewOffer(@NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 2000) @CasinoUrl String casinoUrl,
            @PositiveOrZero Double weight, @Size(max = 200) @Pattern(regexp = "\\S+",
                    message = "must not contain spaces") String postbackSecret,
            Boolean active, @Size(max = 100) @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String houseSlug,
            @Size(max = 200) @Pattern(regexp = PARTNER_KEY_PATTERN, message = KEY_MESSAGE) String partnerKey,
            @Valid DealTerms deal) {

        /** Request bodies are logged at DEBUG by the web layer: the secrets stay out. */
        @Override
        public String toString() {
            return "NewOffer[name=" + name + ", casinoUrl=" + casinoUrl + ", secrets hidden]";
        }
    }

    /**
     * {@code PUT /admin/offers/{id}}: every field is optional; an omitted one keeps its value, and so does a secret
     * sent back in the masked form the API shows.
     */
    record OfferChanges(@Size(min = 1, max = 200) String name,
            @Size(min = 1, max = 2000) @CasinoUrl String casinoUrl,
            @PositiveOrZero Double weight, @Size(max = 200) @Pattern(regexp = "\\S+",
                    message = "must not contain spaces") String postbackSecret,
            Boolean active, @Size(max = 100) @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String houseSlug,
            @Size(max = 200) @Pattern(regexp = PARTNER_KEY_PATTERN, message = KEY_MESSAGE) String partnerKey,
            @Valid DealTerms deal) {

        @Override
        public String toString() {
            return "OfferChanges[name=" + name + ", casinoUrl=" + casinoUrl + ", secrets hidden]";
        }
    }

    /**
     * Deal terms; a given deal replaces the previous terms as a whole. Amounts may be JSON numbers or strings.
     *
     * @param currency ISO 4217 code, USD when omitted
     * @param guessedLinks PAY (when omitted), HOLD or DONT_PAY: the publisher's money on a guessed link
     * @param clawbackWindowDays days after a deposit during which its chargeback claws the CPA back, 90 when omitted
     * @param cpaRequiresConfirmation hold a first deposit's CPA payout until the gateway confirms it; off when omitted
     */
    record DealTerms(@PositiveOrZero BigDecimal cpaAmount, @PositiveOrZero BigDecimal minDeposit,
            @PositiveOrZero @DecimalMax("100") BigDecimal revsharePercent,
            @IsoCurrency String currency,
            Boolean negativeCarryOver, GuessedLinkPolicy guessedLinks, @PositiveOrZero Integer clawbackWindowDays,
            Boolean cpaRequiresConfirmation) {
    }

    private OfferRequests() {
    }
}
