package io.croupier.schemas;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.croupier.events.Click;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers are upgraded before producers: a new reader must read every record an older writer wrote. This test
 * fails the build when a schema change breaks that for any released version.
 */
class SchemaCompatibilityTest {

    @TestFactory
    List<DynamicTest> everyCurrentSchemaReadsEveryReleasedVersion() {
        return EventTypes.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            List<Schema> released = ReleasedSchemas.versionsOf(type);
            assertThat(released).as("released versions of %s", type.getSimpleName()).isNotEmpty();
            for (Schema writer : released) {
                assertThat(compatibility(EventTypes.currentSchema(type), writer))
                    .as("%s reads released %s", type.getSimpleName(), writer.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        })).toList();
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsCaught() {
        Schema released = ReleasedSchemas.versionsOf(Click.class).get(0);
        Schema breaking = withExtraRequiredField(EventTypes.currentSchema(Click.class));

        assertThat(compatibility(breaking, released)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void everyTopicValueTypeHasAReleasedVersion() {
        for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
            assertThat(ReleasedSchemas.versionsOf(type)).as(type.getSimpleName()).isNotEmpty();
        }
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static Schema withExtraRequiredField(Schema schema) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(schema.getName())
            .namespace(schema.getNamespace())
            .fields();
        for (Schema.Field field : schema.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        return fields.name("mandatoryNewField").type().stringType().noDefault().endRecord();
    }
}
