package io.croupier.analytics.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.croupier.embedded.FreePorts;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The benchmark's PostgreSQL: the same embedded binaries as the tests', configured as a production server for this
 * service would be (the tests' is left at PostgreSQL's defaults, 128 MB of shared buffers): 2 GB of shared buffers
 * and room for a large run's WAL between checkpoints. Durability stays on (fsync, synchronous commit). The broker is
 * the tests' in-process one, and the tokens the tests' issuer signs are trusted.
 */
class BenchmarkDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres database = start();
        TestIssuer issuer = TestInfrastructure.issuer();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmarkDatabase", Map.of(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers(),
                "spring.datasource.url", database.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "croupier.access.issuer", issuer.url(),
                "croupier.access.jwk-set-uri", issuer.jwkSetUri())));
    }

    private static synchronized EmbeddedPostgres start() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                    .setPort(FreePorts.next())
                    .setDataDirectory(Files.createTempDirectory("croupier-benchmark-postgres"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("shared_buffers", "2GB")
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start the benchmark's PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "benchmark-postgres-stop"));
        }
        return postgres;
    }
}
