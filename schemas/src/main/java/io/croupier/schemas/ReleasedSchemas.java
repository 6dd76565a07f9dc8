package io.croupier.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every schema version ever released, kept as files under {@code released/<RecordName>/v<N>.avsc}. Decoders look
 * writer schemas up here by fingerprint, so records written by an older producer still decode after an upgrade.
 * Releasing a version means adding its file; {@code SchemaCompatibilityTest} then guards every later change.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "/io/croupier/schemas/released/";

    private static final SchemaStore.Cache CACHE = load();

    public static SchemaStore.Cache store() {
        return CACHE;
    }

    public static List<Schema> versionsOf(Class<? extends SpecificRecord> type) {
        String name = EventTypes.currentSchema(type).getName();
        List<Schema> versions = new ArrayList<>();
        for (int version = 1;; version++) {
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + name + "/v" + version + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + name + " v" + version, e);
            }
        }
    }

    private static SchemaStore.Cache load() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
            cache.addSchema(EventTypes.currentSchema(type));
            versionsOf(type).forEach(cache::addSchema);
        }
        return cache;
    }

    private ReleasedSchemas() {
    }
}
