package io.croupier.optimizer.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import io.croupier.optimizer.OptimizerSettings;
import io.croupier.optimizer.thompson.DelayAwareThompson;
import io.croupier.optimizer.thompson.ThompsonSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's policy, Binom-style smoothing, naive Thompson sampling, delay-aware Thompson sampling and the default
 * policy (delay-aware, information-directed) side by side on the same simulated markets, with a 95 % confidence
 * interval on every figure and each run's figure. Tagged {@code benchmark}, excluded from the build; the optimizer
 * README has the command and the table. Fails if the default policy misses the targets of issue 15 in either steady
 * market with differing delays ({@code steady}: the best offer's revenue over weeks; {@code steady-cpa}: with its
 * deposits): 97 % of the oracle's revenue and 10 % more than seed 001's policy.
 * <p>
 * System properties: {@code sim.runs} (20), {@code sim.days} (42), {@code sim.threads} (the cores),
 * {@code sim.scenarios} (steady,steady-cpa,drop,new-better,new-worse,cold-start),
 * {@code sim.policies} (seed,binom,naive,thompson,default),
 * {@code sim.thompson-interval} (PT1H, at least: how often
 * the Thompson policies weigh in simulated time; the service weighs every minute, but its evidence is hourly), and any
 * {@code croupier.optimizer.*} setting, bound exactly as the service binds it (defaults included).
 */
@Tag("benchmark")
class PolicySimulation {

    private static final long FIRST_SEED = 1000;

    @Test
    void compareThePolicies() throws Exception {
        int runs = Integer.getInteger("sim.runs", 20);
        int days = Integer.getInteger("sim.days", 42);
        int threads = Integer.getInteger("sim.threads", Runtime.getRuntime().availableProcessors());
        Duration thompsonInterval = Duration.parse(System.getProperty("sim.thompson-interval", "PT1H"));
        if (thompsonInterval.compareTo(Duration.ofHours(1)) < 0) {
            // Clicks are routed hour by hour with the evidence of whole hours: a shorter interval would change nothing.
            throw new IllegalArgumentException("sim.thompson-interval must be at least PT1H, was " + thompsonInterval);
        }
        OptimizerSettings settings = settings();
        Map<String, LongFunction<SimulatedPolicy>> policies = new LinkedHashMap<>();
        policies.put("seed", seed -> SimulatedPolicy.seed(settings));
        policies.put("binom", seed -> SimulatedPolicy.binom(0.05));
        policies.put("naive", seed -> SimulatedPolicy.thompson("naive Thompson (no delay correction)",
                DelayAwareThompson.withoutDelayCorrection(settings.thompson()), settings, thompsonInterval, seed));
        policies.put("thompson", seed -> SimulatedPolicy.thompson("delay-aware Thompson (probability of being best)",
                DelayAwareThompson.of(settings.thompson(), ThompsonSettings.Allocation.PROBABILITY_BEST), settings,
                thompsonInterval, seed));
        policies.put("default", seed -> SimulatedPolicy.thompson("delay-aware, information-directed (the default)",
                DelayAwareThompson.of(settings.thompson()), settings, thompsonInterval, seed));
        policies.keySet().retainAll(Arrays.asList(System.getProperty("sim.policies", String.join(",",
                policies.keySet())).split(",")));
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("steady", Scenario.steady(days));
        scenarios.put("steady-cpa", Scenario.steadyCpa(days));
        scenarios.put("drop", Scenario.drop(days));
        scenarios.put("new-better", Scenario.newBetter(days));
        scenarios.put("new-worse", Scenario.newWorse(days));
        scenarios.put("cold-start", Scenario.coldStart(days));
        List<String> chosen = Arrays.asList(System.getProperty("sim.scenarios", String.join(",", scenarios.keySet()))
            .split(","));

        Instant started = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, Map<String, List<Future<SimulationRun.Outcome>>>> pending = new LinkedHashMap<>();
        for (String scenario : chosen) {
            Map<String, List<Future<SimulationRun.Outcome>>> byPolicy = new LinkedHashMap<>();
            policies.forEach((policy, factory) -> {
                List<Future<SimulationRun.Outcome>> outcomes = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    long seed = FIRST_SEED + run;
                    outcomes.add(pool.submit(() -> SimulationRun.run(scenarios.get(scenario), factory.apply(seed),
                            seed)));
                }
                byPolicy.put(policy, outcomes);
            });
            pending.put(scenario, byPolicy);
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("%d runs per policy and scenario, %d days, %d clicks/hour on average; Thompson"
                + " policies weigh every %s of simulated time; settings: the service's defaults%s.%n%n", runs, days,
                500, thompsonInterval, overrides().isEmpty() ? "" : " with " + overrides()));
        Map<String, Map<String, List<SimulationRun.Outcome>>> results = new LinkedHashMap<>();
        for (String scenario : chosen) {
            Map<String, List<SimulationRun.Outcome>> byPolicy = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<SimulationRun.Outcome>>> policy : pending.get(scenario).entrySet()) {
                byPolicy.put(policy.getKey(), collect(policy.getValue()));
            }
            results.put(scenario, byPolicy);
            report.append(table(scenarios.get(scenario), byPolicy, policies, settings, thompsonInterval));
        }
        pool.shutdown();
        report.append(String.format("Simulated in %s on %d threads.%n",
                Duration.between(started, Instant.now()).withNanos(0), threads));
        System.out.println(report);
        Path written = Path.of("target", "simulation.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, report);

        // Issue 15's targets, in both steady markets with differing delays: the best offer's revenue with its (slow)
        // deposits, and over the weeks after them.
        for (String steadyMarket : List.of("steady", "steady-cpa")) {
            if (results.containsKey(steadyMarket) && policies.keySet().containsAll(List.of("seed", "default"))) {
                Map<String, List<SimulationRun.Outcome>> steady = results.get(steadyMarket);
                assertThat(Figure.of(shares(steady.get("default"))).mean())
                    .as("default policy's share of the oracle in " + steadyMarket)
                    .isGreaterThanOrEqualTo(0.97);
                assertThat(Figure.of(earned(steady.get("default"))).mean())
                    .as("default policy against seed 001's in " + steadyMarket)
                    .isGreaterThanOrEqualTo(1.10 * Figure.of(earned(steady.get("seed"))).mean());
            }
        }
    }

    private static String table(Scenario scenario, Map<String, List<SimulationRun.Outcome>> byPolicy,
            Map<String, LongFunction<SimulatedPolicy>> policies, OptimizerSettings settings, Duration interval) {
        StringBuilder table = new StringBuilder();
        table.append("**").append(scenario.name()).append("**: ").append(scenario.description()).append(".\n\n");
        boolean drop = scenario.changed() >= 0 && !Double.isNaN(scenario.offers().get(scenario.changed()).changedRate());
        boolean added = scenario.changed() >= 0 && !drop;
        table.append("| policy | revenue per 1,000 clicks | of the oracle's |");
        if (drop) {
            table.append(" of the oracle's from day " + Scenario.SETTLED + ", before and after the drop |"
                    + " hours until its traffic halved | its first deposits meanwhile | runs where it never did |");
        }
        if (added) {
            table.append(" its clicks, first week | its first deposits, first week | its share on day 7 |"
                    + " hours until it had half the traffic | hours until judged | its clicks until judged |"
                    + " its first deposits until judged |");
        }
        table.append('\n').append("|---|---|---|").append(drop ? "---|---|---|---|" : "").append(added ? "---|---|---|---|---|---|---|" : "")
            .append('\n');
        List<SimulationRun.Outcome> any = byPolicy.values().iterator().next();
        table.append("| oracle (always the truly best offer) | ")
            .append(Figure.of(any.stream().mapToDouble(SimulationRun.Outcome::oraclePer1000).toArray()).format("%.1f"))
            .append(" | 100 % |").append(drop ? " 100 % | | | |" : "").append(added ? " | | | | | | |" : "").append('\n');
        byPolicy.forEach((policy, outcomes) -> {
            table.append("| ").append(policies.get(policy).apply(FIRST_SEED).name()).append(" | ")
                .append(Figure.of(earned(outcomes)).format("%.1f")).append(" | ")
                .append(Figure.of(shares(outcomes)).percent()).append(" |");
            if (drop) {
                table.append(' ').append(Figure.of(outcomes.stream()
                    .mapToDouble(SimulationRun.Outcome::settledShareOfOracle)
                    .toArray()).percent()).append(" |");
            }
            if (drop || added) {
                table.append(reaction(outcomes, drop));
            }
            table.append('\n');
        });
        table.append('\n').append("Per run (seeds ").append(FIRST_SEED).append(" on), of the oracle's:");
        byPolicy.forEach((policy, outcomes) -> table.append(" ").append(policy).append(' ')
            .append(outcomes.stream().map(outcome -> String.format(Locale.ROOT, "%.1f", 100 * outcome.shareOfOracle()))
                .collect(Collectors.joining(", ")))
            .append(';'));
        table.setLength(table.length() - 1);
        return table.append(".\n\n").toString();
    }

    private static String reaction(List<SimulationRun.Outcome> outcomes, boolean drop) {
        List<SimulationRun.Reaction> reactions = outcomes.stream().map(SimulationRun.Outcome::reaction).toList();
        double[] moved = reactions.stream().filter(r -> !Double.isNaN(r.hoursToMove()))
            .mapToDouble(SimulationRun.Reaction::hoursToMove).toArray();
        String hours = moved.length == 0 ? "never" : moved.length == 1 ? String.format(Locale.ROOT, "%.0f", moved[0])
                : Figure.of(moved).format("%.0f");
        if (drop) {
            double[] conversions = reactions.stream().filter(r -> r.conversionsToMove() >= 0)
                .mapToDouble(SimulationRun.Reaction::conversionsToMove).toArray();
            return " " + hours + " | " + (conversions.length == 0 ? "–" : Figure.of(conversions).format("%.0f"))
                    + " | " + (reactions.size() - moved.length) + " |";
        }
        return " " + Figure.of(reactions.stream().mapToDouble(SimulationRun.Reaction::firstWeekClicks).toArray())
            .format("%.0f") + " | "
                + Figure.of(reactions.stream().mapToDouble(SimulationRun.Reaction::firstWeekDeposits).toArray())
                    .format("%.0f")
                + " | " + Figure.of(reactions.stream().mapToDouble(SimulationRun.Reaction::seventhDayShare).toArray())
                    .percent()
                + " | " + hours + (moved.length < reactions.size() ? " (" + (reactions.size() - moved.length)
                        + " runs never)" : "") + " |" + judged(reactions);
    }

    /** Over the runs where the added offer was judged within its first week; how many were not. */
    private static String judged(List<SimulationRun.Reaction> reactions) {
        List<SimulationRun.Reaction> judged = reactions.stream().filter(r -> !Double.isNaN(r.hoursToJudge())).toList();
        String never = judged.size() < reactions.size() ? " (" + (reactions.size() - judged.size()) + " runs not)" : "";
        if (judged.size() < 2) {
            return " " + (judged.isEmpty() ? "not in a week" : String.format(Locale.ROOT, "%.0f",
                    judged.get(0).hoursToJudge())) + never + " | | |";
        }
        return " " + Figure.of(judged.stream().mapToDouble(SimulationRun.Reaction::hoursToJudge).toArray())
            .format("%.0f") + never + " | "
                + Figure.of(judged.stream().mapToDouble(SimulationRun.Reaction::clicksUntilJudged).toArray())
                    .format("%.0f")
                + " | " + Figure.of(judged.stream().mapToDouble(SimulationRun.Reaction::depositsUntilJudged).toArray())
                    .format("%.0f")
                + " |";
    }

    private static double[] shares(List<SimulationRun.Outcome> outcomes) {
        return outcomes.stream().mapToDouble(SimulationRun.Outcome::shareOfOracle).toArray();
    }

    private static double[] earned(List<SimulationRun.Outcome> outcomes) {
        return outcomes.stream().mapToDouble(SimulationRun.Outcome::earnedPer1000).toArray();
    }

    private static List<SimulationRun.Outcome> collect(List<Future<SimulationRun.Outcome>> futures)
            throws InterruptedException, ExecutionException {
        List<SimulationRun.Outcome> outcomes = new ArrayList<>();
        for (Future<SimulationRun.Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    /** The service's settings record bound as the service binds it: its defaults, and any override given. */
    private static OptimizerSettings settings() {
        return new Binder(new MapConfigurationPropertySource(overrides())).bindOrCreate("croupier.optimizer",
                OptimizerSettings.class);
    }

    private static Map<String, String> overrides() {
        return System.getProperties()
            .stringPropertyNames()
            .stream()
            .filter(name -> name.startsWith("croupier.optimizer."))
            .sorted()
            .collect(Collectors.toMap(name -> name, System::getProperty, (a, b) -> a, LinkedHashMap::new));
    }
}
