package io.croupier.click.benchmark;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.click.ClickServiceApplication;
import io.croupier.embedded.BrokerProcess;
import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loads {@code GET /click} with wrk from this machine and compares it with nginx answering {@code return 302} in the
 * same run, the two in alternation, then checks that the clicks topic holds one event per answered redirect. Not part of the build; see the
 * README for the command. Needs {@code wrk} and {@code nginx} on the PATH.
 */
@Tag("benchmark")
class ClickRedirectBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);

    private static final String DURATION = System.getProperty("bench.duration", "10s");

    /** Measured nginx / click-service runs, in alternation; the report gives each and the median. */
    private static final int PAIRS = Integer.getInteger("bench.pairs", 5);

    /**
     * Warm-up runs in rounds of this length until the JIT has settled: on two cores shared with wrk the compiler
     * thread gets little CPU, and measuring while it still compiles the hot path measures the compiler.
     */
    private static final Duration WARM_UP_ROUND = Duration.ofSeconds(10);

    /** JIT time within one warm-up round below which the service counts as warm. */
    private static final Duration SETTLED_JIT = Duration.ofMillis(Long.getLong("bench.settled-jit-ms", 500));

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(Long.getLong("bench.warmup-limit-s", 300));

    private static final int NGINX_PORT = 18480;

    private static final int CLICK_PORT = 18481;

    @Test
    void clickRedirectAgainstNginx() throws Exception {
        // A broker process of its own, on a fixed port and directory, so that it can be stopped and started again.
        Path kafkaData = Files.createTempDirectory("bench-kafka");
        int kafkaPort = FreePorts.next();
        BrokerProcess kafka = BrokerProcess.start(kafkaPort, kafkaData);
        InProcessPostgres postgres = TestInfrastructure.postgres();
        Process nginx = startNginx();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + CLICK_PORT,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(), "--logging.level.root=WARN",
                "--croupier.access.issuer=" + TestInfrastructure.issuer().url()));
        arguments.addAll(extraArguments());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClickServiceApplication.class)
            .run(arguments.toArray(String[]::new))) {
            for (String name : List.of("Alpha", "Beta", "Gamma")) {
                post("/admin/offers", """
                        {"name":"%s","casino_url":"https://%s.example/register?ref={click_id}&src={source}",
                         "deal":{"cpa_amount":100,"currency":"BRL"}}""".formatted(name, name.toLowerCase()));
            }
            String clickUrl = "http://127.0.0.1:" + CLICK_PORT + "/click?source=bench&campaign=c1&sub1=s&gclid=g";
            String nginxUrl = "http://127.0.0.1:" + NGINX_PORT + "/click?source=bench&campaign=c1&sub1=s&gclid=g";
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            long topicBefore = endOffsets(kafka);
            double publishedBefore = published(meters);

            String warmUp = warmUp(clickUrl);
            // nginx and click-service in alternation, so that both meet the same neighbours on the host.
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                pairs.add(new Pair(measured(nginxUrl), measured(clickUrl)));
            }

            // Requests still in flight when wrk stopped are answered after it: compare once both counts settle.
            long[] settled = settle(kafka, topicBefore, meters, publishedBefore);
            long published = settled[0];
            long onTopic = settled[1];
            Timer served = meters.get("croupier.clicks.redirect").timer();
            String report = report(pairs, served, published, onTopic, meters) + warmUp + "\n";

            kafka.close();
            Wrk brokerDown = wrk(clickUrl, "10s");
            kafka = BrokerProcess.start(kafkaPort, kafkaData);
            long[] afterOutage = settle(kafka, topicBefore, meters, publishedBefore);
            report += """

                    Broker stopped: click-service answered %.0f redirects/s, p50 %s, p99 %s, non-3xx %d for 10 s.
                    After restarting it: published %d, on the topic %d, spooled through the outbox %.0f, lost %.0f.
                    """.formatted(brokerDown.rate, brokerDown.p50, brokerDown.p99, brokerDown.errors, afterOutage[0],
                    afterOutage[1], meters.counter("croupier.clicks.spooled").count(),
                    meters.counter("croupier.clicks.lost").count());
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-results.md"), report);
            assertThat(onTopic).as("click events on the topic").isEqualTo(published);
            assertThat(afterOutage[1]).as("click events on the topic after the outage").isEqualTo(afterOutage[0]);
        }
        finally {
            nginx.destroy();
            kafka.close();
        }
    }

    /** Loads the click URL round after round until a round costs the JIT less than {@link #SETTLED_JIT}. */
    private static String warmUp(String clickUrl) throws IOException, InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long compiling;
        List<String> rounds = new ArrayList<>();
        do {
            long before = jit.getTotalCompilationTime();
            Wrk round = wrk(clickUrl, WARM_UP_ROUND.toSeconds() + "s");
            compiling = jit.getTotalCompilationTime() - before;
            rounds.add("%.0f/s (JIT %d ms)".formatted(round.rate, compiling));
        }
        while (compiling > SETTLED_JIT.toMillis() && System.nanoTime() - started < WARM_UP_LIMIT.toNanos());
        return "Warm-up rounds of %d s until the JIT settled below %d ms a round: %s.".formatted(
                WARM_UP_ROUND.toSeconds(), SETTLED_JIT.toMillis(), String.join(", ", rounds));
    }

    private static Measured measured(String url) throws IOException, InterruptedException {
        CpuTimes start = CpuTimes.now();
        Wrk result = wrk(url, DURATION);
        return new Measured(result, start.stealPercentSince());
    }

    private static String report(List<Pair> pairs, Timer served, long published, long onTopic, MeterRegistry meters) {
        StringBuilder table = new StringBuilder("""
                | pair (%d connections, %s each, 2 wrk threads) | nginx redirects/s | nginx p99 \
                | click-service redirects/s | p50 | p99 | share of nginx | CPU stolen (nginx / click) |
                |---|---|---|---|---|---|---|---|
                """.formatted(CONNECTIONS, DURATION));
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            table.append("| %d | %.0f | %s | %.0f | %s | %s | %.1f %% | %.1f %% / %.1f %% |%n".formatted(i + 1,
                    pair.nginx.wrk.rate, pair.nginx.wrk.p99, pair.click.wrk.rate, pair.click.wrk.p50,
                    pair.click.wrk.p99, pair.share(), pair.nginx.steal, pair.click.steal));
        }
        List<Pair> byShare = pairs.stream().sorted(Comparator.comparingDouble(Pair::share)).toList();
        Pair median = byShare.get(byShare.size() / 2);
        long errors = pairs.stream().mapToLong(pair -> pair.nginx.wrk.errors + pair.click.wrk.errors).sum();
        return table + """

                Median pair: click-service reached %.1f %% of the nginx ceiling (p99 %s against nginx's %s); non-3xx
                answers over all pairs: %d. Its own mean time per click inside the JVM (croupier.clicks.redirect,
                warm-up included) was %.3f ms over %d requests.
                Redirects answered with a click (server counter, warm-up included): %d; click events on %s: %d;
                spooled through the outbox: %.0f; lost: %.0f.
                """.formatted(median.share(), median.click.wrk.p99, median.nginx.wrk.p99, errors,
                served.mean(TimeUnit.MILLISECONDS), served.count(), published, Topics.CLICKS.name(), onTopic,
                meters.counter("croupier.clicks.spooled").count(), meters.counter("croupier.clicks.lost").count());
    }

    /** More application arguments to compare settings, e.g. {@code -Dbench.args=--server.tomcat.threads.max=16}. */
    private static List<String> extraArguments() {
        String extra = System.getProperty("bench.args", "");
        return extra.isBlank() ? List.of() : List.of(extra.split(" "));
    }

    private static Process startNginx() throws IOException {
        Path prefix = Files.createTempDirectory("bench-nginx");
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / { return 302 https://alpha.example/register?ref=01ARZ3NDEKTSV4RRFFQ69G5FAV; }
                    }
                }
                """.formatted(prefix, NGINX_PORT));
        return new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", conf.toString()).inheritIO().start();
    }

    private static Wrk wrk(String url, String duration) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration, "--latency", url)
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        System.out.println(output);
        return new Wrk(Double.parseDouble(find(output, "Requests/sec:\\s+([0-9.]+)")),
                find(output, "\\s50%\\s+(\\S+)"), find(output, "\\s99%\\s+(\\S+)"),
                Long.parseLong(findOr(output, "Non-2xx or 3xx responses:\\s+(\\d+)", "0")));
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in wrk output");
        }
        return matcher.group(1);
    }

    private static String findOr(String text, String regex, String otherwise) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }

    private static double published(MeterRegistry meters) {
        return meters.counter("croupier.clicks.published").count();
    }

    /**
     * Waits until the topic holds as many new clicks as were published and neither count moved for a second, for at
     * most a minute.
     */
    private static long[] settle(BrokerProcess kafka, long topicBefore, MeterRegistry meters, double publishedBefore) {
        AtomicReference<long[]> last = new AtomicReference<>(new long[] { -1, -1 });
        try {
            return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> new long[] { (long) (published(meters) - publishedBefore),
                        endOffsets(kafka) - topicBefore }, now -> now[0] == now[1]
                                && Arrays.equals(now, last.getAndSet(now)));
        }
        catch (ConditionTimeoutException unsettled) {
            // Counts that never meet are the finding (clicks lost or doubled): the report shows them.
            return last.get();
        }
    }

    private static long endOffsets(BrokerProcess kafka) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < Topics.CLICKS.partitions(); i++) {
                partitions.add(new TopicPartition(Topics.CLICKS.name(), i));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void post(String path, String json) {
        assertThat(new ServiceHttp(CLICK_PORT, ServiceHttp.manager()).post(path, json).status()).isEqualTo(201);
    }

    private record Wrk(double rate, String p50, String p99, long errors) {
    }

    /** One wrk run and the share of the machine's CPU the hypervisor took meanwhile. */
    private record Measured(Wrk wrk, double steal) {
    }

    private record Pair(Measured nginx, Measured click) {

        double share() {
            return 100 * click.wrk.rate / nginx.wrk.rate;
        }
    }
}
