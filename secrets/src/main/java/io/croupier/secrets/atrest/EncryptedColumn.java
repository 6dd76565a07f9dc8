package io.croupier.secrets.atrest;

import java.util.regex.Pattern;

/**
 * A column holding {@link SecretCipher} ciphertexts, declared as a bean by the service that owns the table so that
 * re-encryption after a key rotation finds it.
 *
 * @param table the table, in the service's own schema
 * @param idColumn the primary key column
 * @param column the {@code bytea} column of ciphertexts (nulls are skipped)
 * @param purpose what the secret is for; with the row's id it is the ciphertext's associated data
 */
public record EncryptedColumn(String table, String idColumn, String column, String purpose) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public EncryptedColumn {
        for (String identifier : new String[] { table, idColumn, column }) {
            if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
            }
        }
    }

    /** What binds a ciphertext to its row: the same value encrypts and decrypts it. */
    public String associatedData(Object id) {
        return purpose + ":" + id;
    }

    String name() {
        return table + "." + column;
    }
}
