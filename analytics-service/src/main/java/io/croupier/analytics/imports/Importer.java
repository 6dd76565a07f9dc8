package io.croupier.analytics.imports;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.croupier.analytics.imports.ImportKind.ParsedRow;
import io.croupier.analytics.confirmation.PurchaseConfirmations;
import io.croupier.analytics.pipeline.InputsLock;
import io.croupier.analytics.player.ActivePlayers;
import io.croupier.analytics.player.PlayerCampaigns;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a file of any {@link ImportKind} in one transaction: every row is validated, the valid ones are streamed
 * into a temporary table with COPY, then merged into the kind's table set-based. A bad row is reported and skipped,
 * never taking the good ones with it; a row identical to one stored adds nothing; a row whose natural key is stored
 * with other values is reported, and either kept out or (asked for) replaces it. Imports of one kind run one at a
 * time, and never while a pipeline run reads the inputs.
 */
@Service
class Importer {

    private static final String STAGING = "staged_rows";

    /** Keeps numbers exactly as PostgreSQL wrote them, so a report shows 10.50, not 10.5. */
    private static final JsonMapper EXACT = JsonMapper.builder()
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();

    private final JdbcClient jdbc;

    private final DataSource dataSource;

    private final TransactionTemplate transactions;

    private final InputsLock inputs;

    private final PlayerCampaigns campaigns;

    private final ActivePlayers activePlayers;

    private final ImportSettings settings;

    private final MeterRegistry meters;

    private final PurchaseConfirmations confirmations;

    private final AdSpendTotals adSpend;

    Importer(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, InputsLock inputs,
            PlayerCampaigns campaigns, ActivePlayers activePlayers, ImportSettings settings, MeterRegistry meters,
            PurchaseConfirmations confirmations, AdSpendTotals adSpend) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.inputs = inputs;
        this.campaigns = campaigns;
        this.activePlayers = activePlayers;
        this.settings = settings;
        this.meters = meters;
        this.confirmations = confirmations;
        this.adSpend = adSpend;
    }

    ImportReport run(ImportKind kind, ImportFormat format, String fileName, OnConflict onConflict, InputStream body,
            Charset charset) {
        return run(kind, format, fileName, onConflict, body, charset, done -> {
        });
    }

    /** @param inTransaction what the caller does with the report in the import's transaction (an audit record) */
    ImportReport run(ImportKind kind, ImportFormat format, String fileName, OnConflict onConflict, InputStream body,
            Charset charset, Consumer<ImportReport> inTransaction) {
        ImportReport report = transactions.execute(status -> {
            long importId = jdbc.sql("""
                    insert into imports (kind, format, file_name, on_conflict) values (:kind, :format, :file, :mode)
                    returning import_id""")
                .param("kind", kind.name())
                .param("format", format.wireName())
                .param("file", fileName)
                .param("mode", onConflict.wireName())
                .query(Long.class)
                .single();
            jdbc.sql("create temp table " + STAGING + " (like " + kind.table() + ") on commit drop").update();
            Staged staged = stage(kind, format, body, charset, importId);
            jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.import.' || :kind))")
                .param("kind", kind.name())
                .query()
                .singleRow();
            inputs.shared();
            ImportReport merged = merge(kind, importId, onConflict, staged);
            inTransaction.accept(merged);
            return merged;
        });
        count(report);
        return report;
    }

    /** Reads, validates and copies the rows; returns the counts and the rejected rows. */
    private Staged stage(ImportKind kind, ImportFormat format, InputStream body, Charset charset, long importId) {
        List<String> columns = new ArrayList<>();
        columns.add(kind.keyColumn());
        columns.addAll(kind.valueColumns());
        columns.add("import_id");
        columns.add("row_no");
        Connection connection = DataSourceUtils.getConnection(dataSource);
        StagingCopy copy = null;
        boolean copied = false;
        try (RowSource rows = RowSource.open(format, body, charset, kind.requiredColumns())) {
            copy = new StagingCopy(connection, STAGING, columns);
            long read = 0;
            long rejected = 0;
            List<RowProblem> problems = new ArrayList<>();
            while (rows.hasNext()) {
                InputRow row = rows.next();
                read++;
                Fields fields = new Fields(row);
                Optional<ParsedRow> parsed = kind.parse(fields);
                if (parsed.isPresent()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    values.add(parsed.get().key());
                    values.addAll(parsed.get().values());
                    values.add(importId);
                    values.add(row.number());
                    copy.add(values);
                }
                else {
                    rejected++;
                    if (problems.size() < settings.maxReportedProblems()) {
                        problems.add(RowProblem.rejected(row.number(), fields.errors()));
                    }
                }
            }
            copy.finish();
            copied = true;
            return new Staged(read, rejected, problems);
        }
        catch (SQLException e) {
            throw new SQLExceptionSubclassTranslator().translate("import " + kind.name(), null, e);
        }
        finally {
            if (copy != null && !copied) {
                copy.abandon();
            }
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private ImportReport merge(ImportKind kind, long importId, OnConflict onConflict, Staged staged) {
        Merge sql = new Merge(kind);
        long inserted = jdbc.sql(sql.insertFirstOccurrences()).update();
        List<Difference> replaced = onConflict == OnConflict.REPLACE
                ? jdbc.sql(sql.replaceChangedRows()).param("importId", importId).query(Importer::difference).list()
                : List.of();
        Map<String, Object> counts = jdbc.sql(sql.countOutcomes()).param("importId", importId).query().singleRow();
        long own = ((Number) counts.get("own")).longValue();
        long conflicts = ((Number) counts.get("conflicts")).longValue();
        long unchanged = staged.read() - staged.rejected() - own - conflicts;
        int budget = Math.max(0, settings.maxReportedProblems() - staged.problems().size() - replaced.size());
        List<Difference> conflicting = jdbc.sql(sql.listConflicts())
            .param("limit", budget)
            .query(Importer::difference)
            .list();
        if (inserted + replaced.size() >= settings.analyzeAfterRows()) {
            jdbc.sql("analyze " + kind.table()).update();
        }
        if (kind.recordsAdSpend()) {
            adSpend.announceImported(importId);
        }
        if (kind.confirmsPurchases()) {
            confirmations.announceImported(importId);
        }
        kind.campaignFacts().ifPresent(facts -> {
            campaigns.learnFromImport(facts, importId);
            campaigns.recompute(playersOf(replaced, facts.playerColumn()));
        });
        if (kind.countsActivePlayers()) {
            activePlayers.learnFromImportedSessions(importId);
            activePlayers.recompute(playersOf(replaced, "player_id"));
        }

        List<RowProblem> problems = new ArrayList<>(staged.problems());
        replaced.forEach(difference -> problems.add(difference.problem("replaced")));
        conflicting.forEach(difference -> problems.add(difference.problem("conflict")));
        problems.sort(Comparator.comparingLong(RowProblem::row));
        List<RowProblem> listed = List.copyOf(
                problems.subList(0, Math.min(problems.size(), settings.maxReportedProblems())));
        boolean truncated = staged.rejected() + replaced.size() + conflicts > listed.size();
        return jdbc.sql("""
                update imports set row_count = :rows, inserted = :inserted, replaced = :replaced,
                       unchanged = :unchanged, conflicts = :conflicts, rejected = :rejected,
                       problems = cast(:problems as json), problems_truncated = :truncated
                where import_id = :importId
                returning kind, format, file_name, on_conflict, received_at""")
            .param("rows", staged.read())
            .param("inserted", inserted)
            .param("replaced", replaced.size())
            .param("unchanged", unchanged)
            .param("conflicts", conflicts)
            .param("rejected", staged.rejected())
            .param("problems", EXACT.writeValueAsString(listed))
            .param("truncated", truncated)
            .param("importId", importId)
            .query((rs, n) -> new ImportReport(importId, rs.getString("kind"), rs.getString("format"),
                    rs.getString("file_name"), rs.getString("on_conflict"),
                    rs.getObject("received_at", OffsetDateTime.class).toInstant(), staged.read(), inserted,
                    replaced.size(), unchanged, conflicts, staged.rejected(), listed, truncated))
            .single();
    }

    /** The players a replaced row belonged to, before and after. */
    private static Set<String> playersOf(List<Difference> replaced, String playerColumn) {
        Set<String> players = new HashSet<>();
        for (Difference replacement : replaced) {
            players.add(replacement.stored().path(playerColumn).asString());
            players.add(replacement.imported().path(playerColumn).asString());
        }
        return players;
    }

    private static Difference difference(ResultSet rs, int rowNumber) throws SQLException {
        return new Difference(rs.getLong("row_no"), EXACT.readTree(rs.getString("natural_key")),
                EXACT.readTree(rs.getString("stored")), EXACT.readTree(rs.getString("imported")),
                List.of((String[]) rs.getArray("changed_columns").getArray()));
    }

    private void count(ImportReport report) {
        Map<String, Long> outcomes = Map.of("inserted", report.inserted(), "replaced", report.replaced(),
                "unchanged", report.unchanged(), "conflict", report.conflicts(), "rejected", report.rejected());
        outcomes.forEach((outcome, rows) -> meters.counter("croupier.analytics.import.rows", "kind", report.kind(),
                "outcome", outcome).increment(rows));
    }

    private record Staged(long read, long rejected, List<RowProblem> problems) {
    }

    /** A row whose natural key was stored with other values: both sides in full, and the columns that differ. */
    private record Difference(long row, JsonNode key, JsonNode stored, JsonNode imported, List<String> changed) {

        RowProblem problem(String status) {
            Map<String, RowProblem.Change> changes = new LinkedHashMap<>();
            changed.forEach(column -> changes.put(column, new RowProblem.Change(stored.get(column),
                    imported.get(column))));
            return new RowProblem(row, status, key, null, changes);
        }
    }
}
