package io.croupier.analytics.benchmark;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import io.croupier.analytics.AnalyticsServiceApplication;
import io.croupier.analytics.pipeline.Pipeline;
import io.croupier.analytics.pipeline.PipelineRun;
import io.croupier.analytics.pipeline.Trigger;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline and the import at volume, on a real embedded PostgreSQL (README, Benchmark, for the command and the
 * figures). For the pipeline the inputs are loaded with COPY, vacuumed and analysed, untimed; then runs of the day are
 * timed, step by step, each against a reference measured just before it.
 *
 * <ul>
 * <li>Reconciliation: {@code bench.purchases} (1,000,000) provider purchases against as many confirmations: 97 %
 * by transaction id (one in a thousand of them with another amount), 2 % only by player and amount two minutes
 * apart, 1 % on neither side.</li>
 * <li>Import: a 1,000,000-row {@code purchases_raw.csv} sent to {@code POST /imports/purchases_raw}.</li>
 * <li>ROAS and ARPDAU: {@code bench.campaigns} (10,000) campaigns with spend, 200,000 purchases, 500,000 sessions
 * of 200,000 players, and 14 earlier days of ROAS as the anomaly baseline (one campaign in a hundred is
 * anomalous).</li>
 * </ul>
 */
@Tag("benchmark")
@SpringBootTest(classes = AnalyticsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
        "croupier.analytics.pipeline.schedule=-", "logging.level.state.change.logger=WARN",
        "croupier.events.outbox.poll-interval=1h" })
@ContextConfiguration(initializers = BenchmarkDatabase.class)
@Import(CpuProbes.class)
class PipelineBenchmark {

    private static final int PURCHASES = Integer.getInteger("bench.purchases", 1_000_000);

    private static final int CAMPAIGNS = Integer.getInteger("bench.campaigns", 10_000);

    private static final int CAMPAIGN_PURCHASES = 200_000;

    private static final int SESSIONS = 500_000;

    private static final int PLAYERS = 200_000;

    private static final LocalDate RECONCILED_DAY = LocalDate.parse("2025-08-01");

    private static final LocalDate REPORTED_DAY = LocalDate.parse("2025-08-20");

    private static final LocalDate IMPORTED_DAY = LocalDate.parse("2025-09-01");

    private static final int CHUNK = 100_000;

    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    /** A fixed CPU-bound statement timed before every run: the machine's speed at that moment, to divide by. */
    private static final String REFERENCE = "select count(*) from generate_series(1, 2000) a,"
            + " generate_series(1, 1000) b";

    private static final List<String> STEPS = List.of("purchasesCurated", "reconciliation", "roasD1",
            "roasAnomaly", "arpdauD1");

    @LocalServerPort
    int port;

    @Autowired
    Pipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void reconcileAMillionPurchasesAgainstAMillionConfirmations() throws Exception {
        long importId = importRow();
        Instant start = RECONCILED_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        long spacing = Duration.ofDays(1).toMillis() / PURCHASES;
        copy("provider_purchases (purchase_key, transaction_id, player_id, occurred_at, amount, currency, event_name,"
                + " import_id, row_no)", PURCHASES, i -> {
                    String transaction = "bt-" + i;
                    return "[\"" + transaction + "\"]\t" + transaction + "\tbp-" + (i % PLAYERS) + "\t"
                            + start.plusMillis(i * spacing) + "\t" + amount(i) + "\tUSD\taf_purchase\t" + importId
                            + "\t" + i + "\n";
                });
        copy("gateway_confirmations (confirmation_key, transaction_id, player_id, amount, currency, processed_at,"
                + " status, import_id, row_no)", PURCHASES, i -> {
                    int kind = i % 100;
                    Instant purchased = start.plusMillis(i * spacing);
                    String transaction = kind < 97 ? "bt-" + i : kind < 99 ? "bg-" + i : "bo-" + i;
                    String player = kind < 99 ? "bp-" + (i % PLAYERS) : "bq-" + i;
                    BigDecimal amount = kind < 97 && i % 1000 == 0 ? amount(i).add(BigDecimal.ONE) : amount(i);
                    Instant processed = purchased.plusSeconds(kind < 97 ? 30 : 120);
                    return "[\"" + transaction + "\",\"confirmed\"]\t" + transaction + "\t" + player + "\t" + amount
                            + "\tUSD\t" + processed + "\tconfirmed\t" + importId + "\t" + i + "\n";
                });
        settle();

        timed("reconcile " + PURCHASES + " purchases against " + PURCHASES + " confirmations", RECONCILED_DAY,
                List.of("purchasesCurated", "reconciliation"));
    }

    @Test
    void roasAndArpdauOfADayOverTenThousandCampaigns() throws Exception {
        long importId = importRow();
        Instant start = REPORTED_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        // Every campaign earns 1,000.00 on 1,000.00 of spend (ROAS 1), except one in a hundred that spends 3,000.00.
        copy("ad_spend (spend_key, day, campaign, amount, currency, import_id, row_no)", CAMPAIGNS,
                i -> "[\"" + REPORTED_DAY + "\",\"\",\"bc-" + i + "\",\"USD\"]\t" + REPORTED_DAY + "\tbc-" + i
                        + "\t" + (i % 100 == 0 ? "3000.00" : "1000.00") + "\tUSD\t" + importId + "\t" + i + "\n");
        copy("player_campaigns (player_id, campaign, seen_at)", PLAYERS,
                i -> "br-" + i + "\tbc-" + (i % CAMPAIGNS) + "\t" + start.minus(Duration.ofDays(30)) + "\n");
        copy("provider_purchases (purchase_key, transaction_id, player_id, occurred_at, amount, currency, event_name,"
                + " campaign, import_id, row_no)", CAMPAIGN_PURCHASES,
                i -> "[\"br-" + i + "\"]\tbr-" + i + "\tbr-" + (i % PLAYERS) + "\t" + start.plusSeconds(i % 86_000)
                        + "\t50.00\tUSD\taf_purchase\tbc-" + (i % CAMPAIGNS) + "\t" + importId + "\t" + i + "\n");
        copy("sessions (session_key, session_id, player_id, started_at, import_id, row_no)", SESSIONS,
                i -> "[\"bs-" + i + "\"]\tbs-" + i + "\tbr-" + (i % PLAYERS) + "\t" + start.plusSeconds(i % 86_000)
                        + "\t" + importId + "\t" + i + "\n");
        // What the sessions import does in its transaction (ActivePlayers), timed apart: it is the import's cost.
        long learning = System.nanoTime();
        jdbc.sql("insert into active_players (day, player_id) select distinct (started_at at time zone 'UTC')::date,"
                + " player_id from sessions where import_id = :importId on conflict do nothing")
            .param("importId", importId)
            .update();
        System.out.printf("BENCHMARK active players of %d sessions, as their import learns them: %d ms%n", SESSIONS,
                (System.nanoTime() - learning) / 1_000_000);
        for (int day = 1; day <= 14; day++) {
            LocalDate earlier = REPORTED_DAY.minusDays(day);
            // A baseline of 0.9, 1.0 and 1.1 in turn: median 1.0, MAD 0.1.
            copy("roas_daily (day, campaign, currency, purchases, gross_revenue, chargebacks, chargeback_amount,"
                    + " net_revenue, spend, roas, status, run_id)", CAMPAIGNS,
                    i -> earlier + "\tbc-" + i + "\tUSD\t20\t1000.00\t0\t0\t1000.00\t1000.00\t"
                            + new String[] { "0.9000", "1.0000", "1.1000" }[(i + earlier.getDayOfMonth()) % 3]
                            + "\tOK\t0\n");
        }
        settle();

        timed("ROAS and ARPDAU over " + CAMPAIGNS + " campaigns", REPORTED_DAY, List.of("roasD1", "arpdauD1"));
    }

    @Test
    void importAMillionRowPurchasesFileOverHttp() throws Exception {
        StringBuilder csv = new StringBuilder(PURCHASES * 100);
        csv.append("event_time,event_name,event_revenue,event_revenue_currency,customer_user_id,transaction_id,"
                + "media_source,campaign\n");
        Instant start = IMPORTED_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < PURCHASES; i++) {
            csv.append(start.plusMillis(i * 86L)).append(",af_purchase,").append(amount(i)).append(",USD,bi-")
                .append(i % PLAYERS).append(",bi-").append(i).append(",facebook,bc-").append(i % CAMPAIGNS)
                .append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        // The JDK client itself, not ServiceHttp: tens of megabytes taking minutes, past ServiceHttp's timeout.
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/imports/purchases_raw"))
            .header("Content-Type", "text/csv")
            .header("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.MANAGER))
            .timeout(Duration.ofMinutes(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("BENCHMARK import %d rows (%d MB) of purchases_raw.csv over HTTP: %d ms, %.0f rows/s, "
                + "status %d; load average %s%n", PURCHASES, body.length / 1_000_000, millis,
                PURCHASES * 1000.0 / millis, response.statusCode(), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("BENCHMARK import report: %s%n", response.body());
    }

    /**
     * Vacuums and analyses what was loaded, as autovacuum would soon after a large import, so that it does not do so
     * during the timed run instead.
     */
    private void settle() {
        jdbc.sql("vacuum analyze").update();
    }

    private long importRow() {
        return jdbc.sql("""
                insert into imports (kind, format, on_conflict) values ('benchmark', 'csv', 'keep')
                returning import_id""").query(Long.class).single();
    }

    private static BigDecimal amount(int i) {
        return new BigDecimal((5 + i % 97) + ".99");
    }

    private void copy(String target, int rows, IntFunction<String> line) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < rows; from += CHUNK) {
                StringBuilder chunk = new StringBuilder();
                for (int i = from; i < Math.min(rows, from + CHUNK); i++) {
                    chunk.append(line.apply(i));
                }
                connection.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + target + " from stdin", new StringReader(chunk.toString()));
            }
        }
    }

    /**
     * Runs the day {@code bench.runs} times (each run replaces the day's outputs) and prints, per run, the wall time of
     * the run and of each step and the CPU time each step took in the JVM and in PostgreSQL: on a busy machine the
     * wall time measures the neighbours, the CPU time does not. Before each run a fixed CPU-bound statement is timed
     * as the reference; the median of the measured steps is printed against the median reference.
     */
    private void timed(String what, LocalDate day, List<String> measured) throws Exception {
        int server = CpuProbes.parentOf(jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
        List<Long> measuredMillis = new ArrayList<>();
        List<Long> referenceMillis = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
            long referenceStarted = System.nanoTime();
            jdbc.sql(REFERENCE).query(Long.class).single();
            referenceMillis.add((System.nanoTime() - referenceStarted) / 1_000_000);
            CpuProbes.watch(server);
            PipelineRun run = pipeline.run(day, Trigger.ON_DEMAND).orElseThrow();
            long total = Duration.between(run.startedAt(), run.finishedAt()).toMillis();
            JsonNode timings = run.figures().path("timingsMillis");
            measuredMillis.add(measured.stream().mapToLong(step -> timings.path(step).asLong()).sum());
            System.out.printf("BENCHMARK %s, run %d: %s %d ms (reference %d ms); run %d ms wall; steps (ms) %s; "
                    + "load average %s%n", what, i, measured, measuredMillis.get(i - 1), referenceMillis.get(i - 1),
                    total, timings, loadAverage());
            System.out.printf("BENCHMARK %s, run %d: CPU per step %s%n", what, i, CpuProbes.perStep(STEPS));
            if (i == RUNS) {
                System.out.printf("BENCHMARK figures: %s%n", run.figures());
            }
        }
        long median = median(measuredMillis);
        long reference = median(referenceMillis);
        System.out.printf("BENCHMARK %s: median of %d runs %d ms, median reference %d ms, ratio %.2f; "
                + "load average %s%n", what, RUNS, median, reference, (double) median / reference, loadAverage());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
