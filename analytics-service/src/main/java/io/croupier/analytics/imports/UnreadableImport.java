package io.croupier.analytics.imports;

/** A file that cannot be read as a whole (wrong type, missing columns, broken syntax): nothing of it is imported. */
class UnreadableImport extends RuntimeException {

    UnreadableImport(String message) {
        super(message);
    }

    UnreadableImport(String message, Throwable cause) {
        super(message, cause);
    }
}
