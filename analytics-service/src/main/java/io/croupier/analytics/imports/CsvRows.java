package io.croupier.analytics.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;

/**
 * RFC 4180 CSV with a header row (a UTF-8 byte order mark is skipped, column names are matched case-insensitively,
 * blank lines are ignored). A record with more or fewer fields than the header is a bad row, not a bad file.
 */
final class CsvRows implements RowSource {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true)
        .setTrim(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
        .get();

    private final CSVParser parser;

    private final Iterator<CSVRecord> records;

    private final List<String> header;

    private CsvRows(CSVParser parser, List<String> header) {
        this.parser = parser;
        this.records = parser.iterator();
        this.header = header;
    }

    static CsvRows open(InputStream body, Charset charset, Set<String> requiredColumns) {
        CSVParser parser;
        try {
            parser = CSVParser.builder()
                .setReader(new InputStreamReader(BOMInputStream.builder().setInputStream(body).get(), charset))
                .setFormat(FORMAT)
                .get();
        }
        catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableImport("the CSV header cannot be read: " + e.getMessage(), e);
        }
        List<String> header = parser.getHeaderNames().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        Set<String> missing = new TreeSet<>(requiredColumns);
        header.forEach(missing::remove);
        if (missing.isEmpty()) {
            return new CsvRows(parser, header);
        }
        close(parser);
        throw new UnreadableImport("the CSV header lacks the required column(s) " + String.join(", ", missing)
                + "; it has " + String.join(", ", header));
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        }
        catch (UncheckedIOException | IllegalStateException e) {
            throw new UnreadableImport("the CSV cannot be read past line " + parser.getCurrentLineNumber() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public InputRow next() {
        CSVRecord record = records.next();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (record.size() != header.size()) {
            errors.put("row", "has " + record.size() + " fields, the header has " + header.size());
        }
        for (int i = 0; i < Math.min(record.size(), header.size()); i++) {
            String value = record.get(i);
            if (!value.isEmpty()) {
                values.put(header.get(i), value);
            }
        }
        return new InputRow(record.getRecordNumber(), values, errors);
    }

    @Override
    public void close() {
        close(parser);
    }

    private static void close(CSVParser parser) {
        try {
            parser.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
