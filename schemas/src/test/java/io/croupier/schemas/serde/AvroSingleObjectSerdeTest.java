package io.croupier.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.events.AttributedConversion;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PayoutDue;
import io.croupier.events.PostbackFormat;
import io.croupier.events.RoutingMode;
import io.croupier.events.Tracking;
import io.croupier.schemas.EventTypes;
import io.croupier.schemas.ReleasedSchemas;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSingleObjectSerdeTest {

    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();

    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();

    @Test
    void recordsOfDifferentTypesRoundTripThroughOneDeserializer() {
        Click click = click();
        ConversionReported conversion = ConversionReported.newBuilder()
            .setEventId("postback:1")
            .setPostbackLogId(1)
            .setFormat(PostbackFormat.HOUSE_POSTBACK)
            .setKind(ConversionKind.DEPOSIT)
            .setStatus(ConversionStatus.APPROVED)
            .setAmount(new Money("25.00", "BRL"))
            .setOccurredAt(Instant.parse("2025-12-13T19:30:53Z"))
            .setReceivedAt(Instant.parse("2025-12-13T19:30:54Z"))
            .build();

        assertThat(deserializer.deserialize("t", serializer.serialize("t", click))).isEqualTo(click);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", conversion))).isEqualTo(conversion);
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRejected() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
            .isInstanceOf(SerializationException.class);
    }

    @Test
    void anUnknownWriterSchemaIsRejectedRatherThanGuessed() {
        Schema stranger = SchemaBuilder.record("Stranger").namespace("elsewhere").fields().requiredString("x").endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", "y");

        assertThatThrownBy(() -> deserializer.deserialize("t", encode(stranger, record)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("unknown writer schema fingerprint");
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaDecodesWithTheCurrentOneAndItsDefaults() throws IOException {
        Schema current = EventTypes.currentSchema(Click.class);
        Schema older = SchemaBuilder.record(current.getName()).namespace(current.getNamespace()).fields()
            .requiredString("clickId")
            .requiredString("offerId")
            .name("occurredAt").type(current.getField("occurredAt").schema()).noDefault()
            .endRecord();
        GenericRecord old = new GenericData.Record(older);
        old.put("clickId", "c1");
        old.put("offerId", "o1");
        old.put("occurredAt", 1_700_000_000_000L);
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(older);

        Click decoded = new BinaryMessageDecoder<Click>(SpecificData.get(), current, store).decode(encode(older, old));

        assertThat(decoded.getClickId()).isEqualTo("c1");
        assertThat(decoded.getParams()).isEmpty();
        assertThat(decoded.getRouting()).isEqualTo(RoutingMode.WEIGHTED);
    }

    @TestFactory
    List<DynamicTest> aReleasedRecordWithFlatTrackingFieldsKeepsThemInItsTracking() {
        return List.of(Click.class, AttributedConversion.class, PayoutDue.class).stream()
            .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
                Schema v1 = ReleasedSchemas.versionsOf(type).get(0);
                GenericRecord old = filled(v1);
                old.put("source", "facebook");
                old.put("campaign", "winter2024");
                old.put("sub1", "end-user-7");
                old.put("sub5", "five");

                SpecificRecord decoded = deserializer.deserialize("t", encode(v1, old));

                assertThat(decoded).isInstanceOf(type);
                assertThat(decoded.get(decoded.getSchema().getField("tracking").pos()))
                    .isEqualTo(new Tracking("facebook", "winter2024", "end-user-7", null, null, null, "five"));
            }))
            .toList();
    }

    @Test
    void aCurrentRecordKeepsItsTrackingAsWritten() {
        Click click = click();

        Click decoded = (Click) deserializer.deserialize("t", serializer.serialize("t", click));

        assertThat(decoded.getTracking()).isEqualTo(click.getTracking());
    }

    /** A record of {@code schema} with its defaults, and every field without one set to some value of its type. */
    private static GenericRecord filled(Schema schema) {
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        for (Schema.Field field : schema.getFields()) {
            if (!field.hasDefaultValue()) {
                builder.set(field, sample(field.schema()));
            }
        }
        return builder.build();
    }

    private static Object sample(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> "x";
            case LONG -> 1L;
            case INT -> 1;
            case BOOLEAN -> true;
            case DOUBLE -> 1.0;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case RECORD -> filled(schema);
            default -> throw new IllegalArgumentException("no sample for " + schema);
        };
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Click click() {
        return Click.newBuilder()
            .setClickId("01JF0000000000000000000000")
            .setOfferId("1")
            .setTracking(Tracking.newBuilder().setSource("facebook").setCampaign("winter2024").build())
            .setParams(Map.of("gclid", "abc"))
            .setOccurredAt(Instant.parse("2025-12-13T19:30:53Z"))
            .build();
    }
}
