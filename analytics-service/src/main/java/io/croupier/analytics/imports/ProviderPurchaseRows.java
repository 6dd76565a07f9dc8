package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.croupier.analytics.player.PlayerCampaigns.CampaignFacts;
import org.springframework.stereotype.Component;

/**
 * {@code purchases_raw}: purchases as an attribution provider reports them, in the columns of an AppsFlyer raw-data
 * export of in-app events (snake_case). A row with a {@code transaction_id} is keyed by it; a row without one by its
 * player, time, amount and currency, so the same purchase sent twice is stored once.
 */
@Component
class ProviderPurchaseRows implements ImportKind {

    static final String DEFAULT_EVENT_NAME = "af_purchase";

    @Override
    public String name() {
        return "purchases_raw";
    }

    @Override
    public String table() {
        return "provider_purchases";
    }

    @Override
    public String keyColumn() {
        return "purchase_key";
    }

    @Override
    public List<String> valueColumns() {
        return List.of("transaction_id", "player_id", "occurred_at", "amount", "currency", "event_name", "campaign",
                "media_source", "appsflyer_id");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("event_time", "customer_user_id", "event_revenue", "event_revenue_currency");
    }

    @Override
    public Optional<ParsedRow> parse(Fields row) {
        Instant time = row.instant("event_time", true);
        String player = row.required("customer_user_id");
        BigDecimal amount = row.amount("event_revenue", false);
        String currency = row.currency("event_revenue_currency");
        String transaction = row.optional("transaction_id");
        String eventName = row.optional("event_name");
        String campaign = row.optional("campaign");
        String mediaSource = row.optional("media_source");
        String appsflyerId = row.optional("appsflyer_id");
        if (!row.valid()) {
            return Optional.empty();
        }
        String key = transaction != null ? NaturalKey.of(transaction)
                : NaturalKey.of(player, time, amount.stripTrailingZeros().toPlainString(), currency);
        return Optional.of(new ParsedRow(key, Arrays.asList(transaction, player, time, amount, currency,
                eventName == null ? DEFAULT_EVENT_NAME : eventName, campaign, mediaSource, appsflyerId)));
    }

    @Override
    public Optional<CampaignFacts> campaignFacts() {
        return Optional.of(new CampaignFacts(table(), "player_id", "campaign", "occurred_at"));
    }
}
