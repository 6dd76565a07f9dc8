package io.croupier.schemas;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Every record type that travels on a topic, with its current schema. */
public final class EventTypes {

    public static final List<Class<? extends SpecificRecord>> ALL = Topics.ALL.stream()
            .<Class<? extends SpecificRecord>>map(Topic::valueType)
            .distinct()
            .toList();

    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    private EventTypes() {
    }
}
