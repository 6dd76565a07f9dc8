package io.croupier.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import io.croupier.schemas.EventTypes;
import io.croupier.schemas.ReleasedSchemas;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any record written by {@link AvroSingleObjectSerializer}, from the current or any released schema version,
 * into the current generated class. The fingerprint in the header names the writer schema; its full name picks the
 * class to read into. Unknown fingerprints fail loudly, so the record goes to the dead-letter topic instead of
 * being skipped. A released version whose fields moved into a record of their own is upcast ({@link FlatTracking}).
 */
public class AvroSingleObjectDeserializer implements Deserializer<SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    private final Map<Long, Reader> readersByFingerprint = new HashMap<>();

    public AvroSingleObjectDeserializer() {
        for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
            Schema current = EventTypes.currentSchema(type);
            BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type),
                    current, ReleasedSchemas.store());
            readersByFingerprint.put(SchemaNormalization.parsingFingerprint64(current), new Reader(decoder, null));
            ReleasedSchemas.versionsOf(type)
                .forEach(released -> readersByFingerprint.put(SchemaNormalization.parsingFingerprint64(released),
                        new Reader(decoder, FlatTracking.of(released, current))));
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
            throw new SerializationException("not Avro single-object encoded (topic " + topic + ")");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Reader reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw new SerializationException(
                    "unknown writer schema fingerprint " + Long.toHexString(fingerprint) + " on topic " + topic);
        }
        try {
            SpecificRecord record = reader.decoder().decode(data);
            if (reader.flatTracking() != null) {
                reader.flatTracking().gather(record, data, HEADER_LENGTH);
            }
            return record;
        }
        catch (IOException e) {
            throw new SerializationException("cannot decode record on topic " + topic, e);
        }
    }

    /** @param flatTracking the upcast a released writer schema needs, or {@code null} */
    private record Reader(BinaryMessageDecoder<SpecificRecord> decoder, FlatTracking flatTracking) {
    }
}
