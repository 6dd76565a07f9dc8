package io.croupier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the zonky embedded binaries, started as a child process of this JVM. With a kept data
 * directory, a second start finds the first run's data.
 */
public final class InProcessPostgres implements AutoCloseable {

    public static final String DATABASE = "postgres";

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private InProcessPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static InProcessPostgres start(int port, Path dataDirectory, boolean keepData) {
        requireFree(port);
        try {
            return new InProcessPostgres(EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                // Whoever starts it stops it, after what uses it: the library's own hook would race that order.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "300")
                // Every service's inbox holds an advisory lock per event id of a poll until it commits (event-runtime
                // README): room for every consumer's 500-id polls at once, with headroom, instead of the default 64.
                .setServerConfig("max_locks_per_transaction", "256")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on port " + port + " in " + dataDirectory, e);
        }
    }

    /**
     * The library only waits until something accepts connections on the port: a server left running there would be
     * taken for the new one, with its old data and keys.
     */
    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: port " + port
                    + " is already in use (a server left running by an earlier start?)", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }
}
