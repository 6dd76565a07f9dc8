package io.croupier.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


/**
 * A Kafka broker in a JVM of its own, as in production, for benchmarks: sharing the measured JVM, the broker's
 * garbage and JIT compilations would be billed to what is measured. Stopped with SIGTERM; its data directory is
 * kept, so it can be started again on the same port with the same topics. The child runs on the caller's class path.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String READY = "broker ready";

    private final Process process;

    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BrokerProcess start(int port, Path dataDirectory) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(),
                Integer.toString(port), dataDirectory.toString())
            .redirectErrorStream(true)
            .start();
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals(READY)) {
            // The broker's start-up log; only the ready line matters.
        }
        if (line == null) {
            throw new IllegalStateException("the broker process ended before it was ready");
        }
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "broker-output");
        drain.setDaemon(true);
        drain.start();
        return new BrokerProcess(process, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        InProcessKafka kafka = InProcessKafka.start(Integer.parseInt(args[0]), Path.of(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println(READY);
        Thread.sleep(Long.MAX_VALUE);
    }
}
