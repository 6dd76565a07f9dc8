package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code confirmed_purchases}: what the payment gateway settled ({@code status} {@code confirmed}, the default) or
 * charged back ({@code chargeback}, with the disputed amount). Keyed by transaction id and status: a transaction is
 * confirmed once and charged back once.
 */
@Component
class GatewayConfirmationRows implements ImportKind {

    @Override
    public String name() {
        return "confirmed_purchases";
    }

    @Override
    public String table() {
        return "gateway_confirmations";
    }

    @Override
    public boolean confirmsPurchases() {
        return true;
    }

    @Override
    public String keyColumn() {
        return "confirmation_key";
    }

    @Override
    public List<String> valueColumns() {
        return List.of("transaction_id", "player_id", "amount", "currency", "processed_at", "status");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("transaction_id", "user_id", "amount", "currency", "processed_at");
    }

    @Override
    public Optional<ParsedRow> parse(Fields row) {
        String transaction = row.required("transaction_id");
        String player = row.required("user_id");
        BigDecimal amount = row.amount("amount", false);
        String currency = row.currency("currency");
        Instant processedAt = row.instant("processed_at", true);
        String status = row.choice("status", "confirmed", Set.of("confirmed", "chargeback"));
        if (!row.valid()) {
            return Optional.empty();
        }
        return Optional.of(new ParsedRow(NaturalKey.of(transaction, status),
                Arrays.asList(transaction, player, amount, currency, processedAt, status)));
    }
}
