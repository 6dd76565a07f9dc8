package io.croupier.analytics.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A player event as a casino or an app sends it (seed 002: {@code eventType}, {@code meta} as a JSON string,
 * {@code timestampUtc}), plus the player it is about and, when known, the offer and house.
 *
 * @param timestampUtc when it happened; the time it was received when absent
 * @param eventId the sender's own id for the event: a retry with the same id and timestamp is stored once
 */
record NewPlayerEvent(@NotBlank @Size(max = 128) @JsonAlias("userId") String playerId,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}",
                message = "must be 1 to 64 letters, digits or _ . : -") String eventType,
        @Size(max = 16384) String meta, Instant timestampUtc, @Size(max = 128) String offerId,
        @Size(max = 128) String house, @Size(max = 128) String eventId) {
}
