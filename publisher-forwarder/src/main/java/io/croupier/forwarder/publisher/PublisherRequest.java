package io.croupier.forwarder.publisher;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A publisher as an admin creates or replaces it.
 *
 * @param username the seed 003 {@code subid} casinos report conversions under
 * @param signingSecret omitted to have one generated; on update, omitted keeps the current one
 * @param offerTerms per-offer overrides of {@code payoutTerms}, keyed by offer id
 */
record PublisherRequest(@NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'") String username,
        @NotBlank String postbackUrl, PostbackMethod method, String signingSecret, @NotNull @Valid PayoutTerms payoutTerms,
        Map<String, PayoutTerms> offerTerms, @Min(1) @Max(100_000) Integer rateLimitPerSecond, Boolean offerwall,
        Boolean active) {

    static final int DEFAULT_RATE_LIMIT_PER_SECOND = 50;

    /** Request bodies are logged at DEBUG by the web layer: the secret stays out. */
    @Override
    public String toString() {
        return "PublisherRequest[username=" + username + ", postbackUrl=" + postbackUrl + ", signingSecret="
                + (signingSecret == null ? "none" : "(hidden)") + "]";
    }
}
