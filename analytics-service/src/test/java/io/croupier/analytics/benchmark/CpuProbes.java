package io.croupier.analytics.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineStep;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Reads the CPU time spent so far, in the JVM's running thread and in every process of the PostgreSQL server,
 * between the pipeline's steps (their orders are 10, 20, ... 50; the probes sit at 5, 15, ... 55), so the benchmark can
 * say what each step cost in CPU however busy the machine is. Linux only (/proc).
 */
@TestConfiguration(proxyBeanMethods = false)
class CpuProbes {

    /** USER_HZ: the unit of /proc's CPU times, 100 on every Linux this runs on. */
    private static final double CLOCK_TICKS = 100.0;

    private static final List<Reading> readings = new ArrayList<>();

    private static int server;

    static void watch(int postgresServerPid) {
        server = postgresServerPid;
        readings.clear();
    }

    /** CPU seconds of each step, PostgreSQL and JVM, by the step before which the next probe read. */
    static Map<String, String> perStep(List<String> steps) {
        Map<String, String> cost = new LinkedHashMap<>();
        for (int i = 1; i < readings.size() && i <= steps.size(); i++) {
            Reading before = readings.get(i - 1);
            Reading after = readings.get(i);
            cost.put(steps.get(i - 1), "%.2f s PostgreSQL + %.2f s JVM".formatted(after.database() - before.database(),
                    after.java() - before.java()));
        }
        return cost;
    }

    static Reading now() {
        return new Reading(childrenCpuSeconds(server),
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9);
    }

    /** The parent of a local process, from /proc. */
    static int parentOf(int pid) {
        return Integer.parseInt(stat(pid)[1]);
    }

    @Bean
    @Order(5)
    PipelineStep probeBeforeCuration() {
        return probe();
    }

    @Bean
    @Order(15)
    PipelineStep probeAfterCuration() {
        return probe();
    }

    @Bean
    @Order(25)
    PipelineStep probeAfterReconciliation() {
        return probe();
    }

    @Bean
    @Order(35)
    PipelineStep probeAfterRoas() {
        return probe();
    }

    @Bean
    @Order(45)
    PipelineStep probeAfterAnomalies() {
        return probe();
    }

    @Bean
    @Order(55)
    PipelineStep probeAfterArpdau() {
        return probe();
    }

    private static PipelineStep probe() {
        return new PipelineStep() {
            @Override
            public String name() {
                return "cpuProbe" + readings.size();
            }

            @Override
            public Object run(PipelineDay day) {
                readings.add(now());
                return null;
            }
        };
    }

    private static double childrenCpuSeconds(int parent) {
        double seconds = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] stat = stat(Integer.parseInt(process.getFileName().toString()));
                if (stat.length > 12 && stat[1].equals(String.valueOf(parent))) {
                    seconds += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / CLOCK_TICKS;
                }
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return seconds;
    }

    /** The fields of /proc/PID/stat after the command name: state, parent, ... (empty once the process is gone). */
    private static String[] stat(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        }
        catch (IOException e) {
            return new String[0];
        }
    }

    record Reading(double database, double java) {
    }
}
