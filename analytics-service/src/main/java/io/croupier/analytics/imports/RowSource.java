package io.croupier.analytics.imports;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Set;

/** The rows of an uploaded file, read one at a time so a file of millions of rows never sits in memory. */
interface RowSource extends Iterator<InputRow>, AutoCloseable {

    /**
     * @param requiredColumns columns a CSV header must name; JSON rows are checked one by one instead
     */
    static RowSource open(ImportFormat format, InputStream body, Charset charset, Set<String> requiredColumns) {
        return switch (format) {
            case CSV -> CsvRows.open(body, charset, requiredColumns);
            case JSON -> JsonRows.open(body);
        };
    }

    @Override
    void close();
}
