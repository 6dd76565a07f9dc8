package io.croupier.secrets.atrest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far re-encryption has come: a rotation is complete when every column's {@code under_other_keys} is 0, and only
 * then may the old key leave the keyset.
 */
public record EncryptionStatus(@JsonProperty("primary_key_id") long primaryKeyId, List<ColumnStatus> columns) {

    public boolean complete() {
        return columns.stream().allMatch(column -> column.underOtherKeys() == 0);
    }

    public record ColumnStatus(String column, long encrypted, @JsonProperty("under_primary_key") long underPrimaryKey,
            @JsonProperty("under_other_keys") long underOtherKeys) {
    }
}
