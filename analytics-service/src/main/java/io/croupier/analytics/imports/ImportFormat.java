package io.croupier.analytics.imports;

import java.util.Locale;

import org.springframework.http.MediaType;

/** CSV with a header row, or a JSON array of objects keyed by the same column names. */
enum ImportFormat {

    CSV, JSON;

    static ImportFormat of(MediaType type) {
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return JSON;
        }
        if (type.getSubtype().toLowerCase(Locale.ROOT).endsWith("csv")) {
            return CSV;
        }
        throw new UnreadableImport("unsupported content type " + type + ": send text/csv or application/json");
    }

    static ImportFormat ofFileName(String fileName, MediaType partType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        return of(partType);
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
