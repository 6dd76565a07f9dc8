package io.croupier.schemas.serde;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.croupier.events.Tracking;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;

/**
 * Released version 1 of {@code Click}, {@code AttributedConversion} and {@code PayoutDue} carried source, campaign and
 * sub1..sub5 as fields of their own; the current schemas carry them in one {@link Tracking} record. Avro's schema
 * resolution would drop the flat fields of such a record, so it is read a second time through a projection of just
 * those fields, which are gathered into its {@code tracking}: a record already on a topic keeps what the publisher
 * tagged its click with.
 */
final class FlatTracking {

    private static final String FIELD = "tracking";

    private final DatumReader<GenericRecord> projection;

    private final int trackingPosition;

    private FlatTracking(Schema writer, Schema current) {
        List<Schema.Field> flat = new ArrayList<>();
        for (Schema.Field field : Tracking.getClassSchema().getFields()) {
            flat.add(new Schema.Field(field.name(), field.schema(), field.doc(), field.defaultVal()));
        }
        Schema fields = Schema.createRecord(writer.getName(), null, writer.getNamespace(), false, flat);
        this.projection = new GenericDatumReader<>(writer, fields);
        this.trackingPosition = current.getField(FIELD).pos();
    }

    /** The gathering for records written with {@code writer}, or {@code null} when it has nothing to gather. */
    static FlatTracking of(Schema writer, Schema current) {
        boolean flat = writer.getField(FIELD) == null && writer.getField("sub1") != null;
        return flat && current.getField(FIELD) != null ? new FlatTracking(writer, current) : null;
    }

    /** Sets the tracking of {@code record}, just decoded from {@code data}, to the flat fields written there. */
    void gather(SpecificRecord record, byte[] data, int bodyOffset) throws IOException {
        GenericRecord fields = projection.read(null,
                DecoderFactory.get().binaryDecoder(data, bodyOffset, data.length - bodyOffset, null));
        record.put(trackingPosition, new Tracking(text(fields, "source"), text(fields, "campaign"),
                text(fields, "sub1"), text(fields, "sub2"), text(fields, "sub3"), text(fields, "sub4"),
                text(fields, "sub5")));
    }

    private static String text(GenericRecord fields, String name) {
        return Objects.toString(fields.get(name), null);
    }
}
