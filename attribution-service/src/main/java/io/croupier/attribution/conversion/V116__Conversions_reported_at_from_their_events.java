package io.croupier.attribution.conversion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Fills {@code reported_at} of the conversions stored before it existed from their encoded events (a Java migration
 * because the time is inside the Avro payload), so a redelivery of one of them carries the same key after the
 * partitioning. A payload that does not decode (none should exist: every stored one was decoded once) keeps the time
 * attribution received it. Public only so that a migration test outside the package can run it.
 */
@Component
public class V116__Conversions_reported_at_from_their_events extends BaseJavaMigration {

    private static final int CHUNK = 1_000;

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();
        record Stored(long seq, byte[] payload) {
        }
        long after = Long.MIN_VALUE;
        List<Stored> chunk;
        do {
            chunk = jdbc.sql("select seq, payload from conversions where seq > ? order by seq limit ?")
                .param(after)
                .param(CHUNK)
                .query((rs, n) -> new Stored(rs.getLong("seq"), rs.getBytes("payload")))
                .list();
            Long[] seqs = chunk.stream().map(Stored::seq).toArray(Long[]::new);
            Long[] micros = chunk.stream().map(stored -> reportedAtMicros(deserializer, stored.payload()))
                .toArray(Long[]::new);
            jdbc.sql("""
                    update conversions c
                       set reported_at = coalesce(timestamptz 'epoch' + v.micros * interval '1 microsecond',
                                                  c.received_at)
                      from unnest(?::bigint[], ?::bigint[]) as v(seq, micros)
                     where c.seq = v.seq""")
                .param(seqs)
                .param(micros)
                .update();
            if (!chunk.isEmpty()) {
                after = chunk.get(chunk.size() - 1).seq();
            }
        }
        while (chunk.size() == CHUNK);
    }

    /** Microseconds since the epoch, or {@code null} for a payload that does not decode. */
    private static Long reportedAtMicros(AvroSingleObjectDeserializer deserializer, byte[] payload) {
        try {
            ConversionReported event = (ConversionReported) deserializer
                .deserialize(Topics.CONVERSIONS_REPORTED.name(), payload);
            return ChronoUnit.MICROS.between(Instant.EPOCH, event.getReceivedAt());
        }
        catch (RuntimeException undecodable) {
            return null;
        }
    }
}
