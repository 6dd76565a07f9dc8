package io.croupier.localstack.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service running from its executable jar in a process of its own, as in production, so that it can be killed
 * with SIGKILL: no shutdown hook runs, no consumer leaves its group. Its output goes to a log file; the moment Spring
 * Boot reports the application started (listener containers included) is noted.
 */
final class ServiceProcess {

    private final Process process;

    private final Instant launchedAt;

    private volatile Instant startedAt;

    private ServiceProcess(Process process, Instant launchedAt) {
        this.process = process;
        this.launchedAt = launchedAt;
    }

    static ServiceProcess launch(String service, Path logDirectory, List<String> settings) throws IOException {
        Path jar = Path.of("..", service, "target", service + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-jar", jar.toString()));
        settings.forEach(setting -> command.add("--" + setting));
        Files.createDirectories(logDirectory);
        Path log = Files.createTempFile(logDirectory, service + "-", ".log");
        ServiceProcess launched = new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true).start(),
                Instant.now());
        Thread output = new Thread(() -> launched.copyOutput(log), service + "-output");
        output.setDaemon(true);
        output.start();
        return launched;
    }

    Instant launchedAt() {
        return launchedAt;
    }

    /** When Spring Boot reported the application started; null until then. */
    Instant startedAt() {
        return startedAt;
    }

    /** SIGKILL: the process ends at once, without leaving its consumer groups. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: Spring closes the application, and its consumers leave their groups. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void copyOutput(Path log) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (startedAt == null && line.contains(" Started ")) {
                    startedAt = Instant.now();
                }
                file.println(line);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
