package io.croupier.analytics.imports;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.croupier.analytics.player.PlayerCampaigns.CampaignFacts;

/**
 * One kind of file the service imports (seed 002's {@code data/} files): its columns, how a row becomes a stored
 * record with its natural key, and the table it is stored in. The importer does the rest the same way for all.
 */
interface ImportKind {

    /** The seed's file name without extension, which is also the path: {@code POST /imports/purchases_raw}. */
    String name();

    String table();

    /** The table's primary key, the row's natural key: the same key with other values is a conflict. */
    String keyColumn();

    /** The table's other columns, in the order of {@link ParsedRow#values()}. */
    List<String> valueColumns();

    /** Columns a CSV header must have. */
    Set<String> requiredColumns();

    /** The stored record, or empty when the row has errors (then recorded in {@code row}). */
    Optional<ParsedRow> parse(Fields row);

    /** Where the players' campaigns can be learnt from in the table, if anywhere. */
    default Optional<CampaignFacts> campaignFacts() {
        return Optional.empty();
    }

    /** Whether the file is the gateway's confirmations, whose matches with Croupier's deposits are announced. */
    default boolean confirmsPurchases() {
        return false;
    }

    /** Whether the file is sessions, whose players are active on the days they start. */
    default boolean countsActivePlayers() {
        return false;
    }

    /** Whether the file is ad spend, whose totals commission-service keeps a replica of. */
    default boolean recordsAdSpend() {
        return false;
    }

    /** A valid row: its natural key and its values. */
    record ParsedRow(String key, List<Object> values) {
    }
}
