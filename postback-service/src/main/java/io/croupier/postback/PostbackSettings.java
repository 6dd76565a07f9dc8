package io.croupier.postback;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param commissionWait how long a seed 003 answer waits for the ledger entry of its event
 * @param maxBodySize larger inbound bodies are refused
 * @param customFields bounds on the custom fields seed 004 partners may send
 * @param houses optional per-house access rules for seed 003, keyed by house slug
 * @param houseRetryWindow seed 003 calls without {@code transaction_id}: an identical call this soon after the first
 *        is the house's retry; a later one is another player's event
 */
@ConfigurationProperties("croupier.postback")
public record PostbackSettings(@DefaultValue("5s") Duration commissionWait, @DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue CustomFields customFields, Map<String, HouseAccess> houses,
        @DefaultValue("10s") Duration houseRetryWindow) {

    public PostbackSettings {
        houses = houses == null ? Map.of() : Map.copyOf(houses);
    }

    public record CustomFields(@DefaultValue("50") int maxCount, @DefaultValue("64") int maxNameLength,
            @DefaultValue("1000") int maxValueLength) {
    }

    /**
     * @param token when set, the house must send it as the {@code token} parameter
     * @param allowedIps when not empty, only these source addresses may post for the house
     */
    public record HouseAccess(String token, List<String> allowedIps) {

        public HouseAccess {
            allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
        }
    }
}
