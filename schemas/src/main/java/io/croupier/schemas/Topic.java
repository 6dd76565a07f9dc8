package io.croupier.schemas;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the platform: its name, what its keys and values are, how many partitions it has and whether
 * Kafka compacts it. Services refer to topics only through {@link Topics}, so a name is spelled exactly once.
 *
 * @param <K> key type
 * @param <V> value type, an Avro record generated from {@code src/main/avro}
 */
public record Topic<K, V extends SpecificRecord>(String name, Class<K> keyType, Class<V> valueType, int partitions,
        boolean compacted, String keyedBy) {

    /** Dead letters keep the partition of the record that failed, so the dead-letter topic mirrors the partitions. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(keyedBy, "keyedBy");
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }

    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }
}
