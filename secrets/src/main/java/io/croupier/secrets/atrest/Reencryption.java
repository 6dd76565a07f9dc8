package io.croupier.secrets.atrest;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After the keyset's primary key changed, re-encrypts every row still under another key, in small transactions that
 * skip rows another instance holds, so several instances can share the work. Runs shortly after start and then
 * periodically; {@link EncryptionAtRestController} runs it on demand and reports what is left.
 */
public class Reencryption implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final SecretCipher cipher;

    private final List<EncryptedColumn> columns;

    private final EncryptionAtRestSettings settings;

    private ScheduledExecutorService scheduler;

    Reencryption(JdbcClient jdbc, TransactionTemplate transactions, SecretCipher cipher, List<EncryptedColumn> columns,
            EncryptionAtRestSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.columns = List.copyOf(columns);
        this.settings = settings;
    }

    /** Re-encrypts until no row is left under an old key (rows locked elsewhere are left to their holder). */
    public EncryptionStatus reencryptAll() {
        for (EncryptedColumn column : columns) {
            int done;
            do {
                done = transactions.execute(status -> reencryptBatch(column));
                if (done > 0) {
                    log.info("Re-encrypted {} secrets of {} under key {}", done, column.name(),
                            cipher.primaryKeyId());
                }
            }
            while (done == settings.reencryptBatchSize());
        }
        return status();
    }

    public EncryptionStatus status() {
        return new EncryptionStatus(cipher.primaryKeyId(), columns.stream().map(column -> jdbc.sql("""
                select count(*) as encrypted,
                       count(*) filter (where substring(%1$s from 1 for :length) = :prefix) as current
                from %2$s where %1$s is not null""".formatted(column.column(), column.table()))
            .param("length", cipher.primaryPrefix().length)
            .param("prefix", cipher.primaryPrefix())
            .query((rs, n) -> new EncryptionStatus.ColumnStatus(column.name(), rs.getLong("encrypted"),
                    rs.getLong("current"), rs.getLong("encrypted") - rs.getLong("current")))
            .single()).toList());
    }

    private int reencryptBatch(EncryptedColumn column) {
        record Row(Object id, byte[] ciphertext) {
        }
        List<Row> rows = jdbc.sql("""
                select %1$s as id, %2$s as ciphertext from %3$s
                where %2$s is not null and substring(%2$s from 1 for :length) <> :prefix
                order by %1$s limit :batch for update skip locked"""
            .formatted(column.idColumn(), column.column(), column.table()))
            .param("length", cipher.primaryPrefix().length)
            .param("prefix", cipher.primaryPrefix())
            .param("batch", settings.reencryptBatchSize())
            .query((rs, n) -> new Row(rs.getObject("id"), rs.getBytes("ciphertext")))
            .list();
        for (Row row : rows) {
            String associatedData = column.associatedData(row.id());
            byte[] reencrypted = cipher.encrypt(cipher.decrypt(row.ciphertext(), associatedData), associatedData);
            jdbc.sql("update %s set %s = :ciphertext where %s = :id".formatted(column.table(), column.column(),
                    column.idColumn()))
                .param("ciphertext", reencrypted)
                .param("id", row.id())
                .update();
        }
        return rows.size();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "secrets-reencryption");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.reencryptInterval().toMillis();
        // The first run comes soon after a start: that is when a newly promoted key has rows to take over.
        scheduler.scheduleWithFixedDelay(this::runQuietly, Math.min(interval, 60_000), interval,
                TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            reencryptAll();
        }
        catch (RuntimeException e) {
            log.warn("Re-encryption of stored secrets failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
