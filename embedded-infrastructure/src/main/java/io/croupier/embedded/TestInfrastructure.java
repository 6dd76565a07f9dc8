package io.croupier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Kafka broker, one PostgreSQL and one token issuer per test JVM, on free ports and in throw-away directories,
 * started on first use and stopped when the JVM exits. Every Spring context of a module's tests shares them.
 */
public final class TestInfrastructure {

    private static InProcessKafka kafka;

    private static InProcessPostgres postgres;

    private static TestIssuer issuer;

    public static synchronized InProcessKafka kafka() {
        if (kafka == null) {
            kafka = InProcessKafka.start(FreePorts.next(), temporaryDirectory("croupier-test-kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized InProcessPostgres postgres() {
        if (postgres == null) {
            postgres = InProcessPostgres.start(FreePorts.next(), temporaryDirectory("croupier-test-postgres"), false);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized TestIssuer issuer() {
        if (issuer == null) {
            issuer = TestIssuer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "test-issuer-stop"));
        }
        return issuer;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestInfrastructure() {
    }
}
