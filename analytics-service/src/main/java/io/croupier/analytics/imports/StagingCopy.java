package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with PostgreSQL's {@code COPY ... FROM STDIN} in its text format: the fastest way to load
 * millions of rows, an order of magnitude beyond batched inserts. Values are escaped as the text format requires.
 */
final class StagingCopy {

    private static final Logger log = LoggerFactory.getLogger(StagingCopy.class);

    private static final int FLUSH_AT = 1 << 16;

    private final CopyIn copy;

    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);

    private long rows;

    StagingCopy(Connection connection, String table, List<String> columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin");
    }

    void add(List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            append(values.get(i));
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Gives up on the copy, so the connection can be used again (the transaction is rolled back anyway). */
    void abandon() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        catch (SQLException e) {
            // The import is failing already; its transaction is rolled back and the original error is reported.
            log.debug("Could not cancel an import's COPY", e);
        }
    }

    long rows() {
        return rows;
    }

    private void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private void append(Object value) {
        if (value == null) {
            buffer.append("\\N");
            return;
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                case '\t' -> buffer.append("\\t");
                default -> buffer.append(c);
            }
        }
    }
}
