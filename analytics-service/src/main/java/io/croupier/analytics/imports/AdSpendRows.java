package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code costs_daily}: ad spend per UTC day and campaign (and media source, when the file has it), in one currency
 * per row. Keyed by day, media source, campaign and currency; a corrected figure is a conflict unless imported with
 * {@code onConflict=replace}.
 */
@Component
class AdSpendRows implements ImportKind {

    @Override
    public String name() {
        return "costs_daily";
    }

    @Override
    public String table() {
        return "ad_spend";
    }

    @Override
    public boolean recordsAdSpend() {
        return true;
    }

    @Override
    public String keyColumn() {
        return "spend_key";
    }

    @Override
    public List<String> valueColumns() {
        return List.of("day", "media_source", "campaign", "amount", "currency");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("date", "campaign", "spend", "currency");
    }

    @Override
    public Optional<ParsedRow> parse(Fields row) {
        LocalDate day = row.date("date");
        String campaign = row.required("campaign");
        BigDecimal spend = row.amount("spend", true);
        String currency = row.currency("currency");
        String mediaSource = row.optional("media_source");
        if (!row.valid()) {
            return Optional.empty();
        }
        return Optional.of(new ParsedRow(NaturalKey.of(day, mediaSource == null ? "" : mediaSource, campaign, currency),
                Arrays.asList(day, mediaSource, campaign, spend, currency)));
    }
}
