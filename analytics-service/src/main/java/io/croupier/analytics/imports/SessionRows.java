package io.croupier.analytics.imports;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.croupier.analytics.player.PlayerCampaigns.CampaignFacts;
import org.springframework.stereotype.Component;

/**
 * {@code sessions}: player sessions, for daily active players. Keyed by {@code session_id} when the file has one,
 * else by player and start time.
 */
@Component
class SessionRows implements ImportKind {

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public String table() {
        return "sessions";
    }

    @Override
    public String keyColumn() {
        return "session_key";
    }

    @Override
    public List<String> valueColumns() {
        return List.of("session_id", "player_id", "started_at", "ended_at", "campaign", "media_source");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("user_id", "session_start");
    }

    @Override
    public Optional<ParsedRow> parse(Fields row) {
        String player = row.required("user_id");
        Instant start = row.instant("session_start", true);
        Instant end = row.instant("session_end", false);
        String sessionId = row.optional("session_id");
        String campaign = row.optional("campaign");
        String mediaSource = row.optional("media_source");
        if (start != null && end != null && end.isBefore(start)) {
            row.reject("session_end", "is before session_start");
        }
        if (!row.valid()) {
            return Optional.empty();
        }
        String key = sessionId != null ? NaturalKey.of(sessionId) : NaturalKey.of(player, start);
        return Optional.of(new ParsedRow(key, Arrays.asList(sessionId, player, start, end, campaign, mediaSource)));
    }

    @Override
    public boolean countsActivePlayers() {
        return true;
    }

    @Override
    public Optional<CampaignFacts> campaignFacts() {
        return Optional.of(new CampaignFacts(table(), "player_id", "campaign", "started_at"));
    }
}
