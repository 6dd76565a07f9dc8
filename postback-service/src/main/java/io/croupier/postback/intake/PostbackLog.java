package io.croupier.postback.intake;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code postback_logs}: one row per inbound call, whatever became of it. */
@Repository
public class PostbackLog {

    private static final String INSERT = """
            insert into postback_logs (id, received_at, source_ip, method, path, query, body, format, outcome, message,
                                       offer_id, event_id, duplicate_of)
            values (coalesce(:id, nextval('postback_logs_id_seq')), :receivedAt, :sourceIp, :method, :path, :query,
                    :body, :format, :outcome, :message, :offerId, :eventId, :duplicateOf)
            returning id""";

    private static final String INSERT_MANY = """
            insert into postback_logs (id, received_at, source_ip, method, path, query, body, format, outcome, message,
                                       offer_id, event_id, duplicate_of)
            values """;

    /** Rows per multi-row insert: 13 parameters each, well below PostgreSQL's 65,535. */
    private static final int ROWS_PER_INSERT = 500;

    private final JdbcClient jdbc;

    PostbackLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long write(Long id, InboundCall call, PostbackFormat format, Outcome outcome, String message, String offerId,
            String eventId, Long duplicateOf) {
        return jdbc.sql(INSERT)
            .param("id", id, Types.BIGINT)
            .param("receivedAt", Timestamp.from(call.receivedAt()))
            .param("sourceIp", call.sourceIp())
            .param("method", call.method())
            .param("path", call.loggedPath())
            .param("query", call.loggedQuery())
            .param("body", call.loggedBody())
            .param("format", format.name())
            .param("outcome", outcome.name())
            .param("message", message)
            .param("offerId", offerId)
            .param("eventId", eventId)
            .param("duplicateOf", duplicateOf, Types.BIGINT)
            .query(Long.class)
            .single();
    }

    /** One row of {@link #writeAll}, its id already drawn from {@code postback_logs_id_seq}. */
    record Entry(long id, InboundCall call, PostbackFormat format, Outcome outcome, String message, String offerId,
            String eventId, Long duplicateOf) {
    }

    /** Many rows in the caller's transaction, with multi-row inserts. */
    void writeAll(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<Entry> rows = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            List<Object> values = new ArrayList<>(rows.size() * 13);
            for (Entry row : rows) {
                InboundCall call = row.call();
                values.add(row.id());
                values.add(Timestamp.from(call.receivedAt()));
                values.add(text(call.sourceIp()));
                values.add(text(call.method()));
                values.add(text(call.loggedPath()));
                values.add(text(call.loggedQuery()));
                values.add(text(call.loggedBody()));
                values.add(row.format().name());
                values.add(row.outcome().name());
                values.add(text(row.message()));
                values.add(text(row.offerId()));
                values.add(text(row.eventId()));
                values.add(new SqlParameterValue(Types.BIGINT, row.duplicateOf()));
            }
            jdbc.sql(INSERT_MANY + String.join(", ",
                    Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                .params(values)
                .update();
        }
    }

    /** Typed, so that a null needs no round trip to ask the database its type. */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    long refused(InboundCall call, PostbackFormat format, Rejection rejection) {
        return write(null, call, format, rejection.outcome(), rejection.getMessage(), rejection.offerId(), null, null);
    }

    /** Remembers the commission a postback earned, so a repeat of it can be answered with the same figure. */
    public void recordCommission(long logId, Money commission) {
        jdbc.sql("update postback_logs set commission = :amount, commission_currency = :currency where id = :id")
            .param("amount", new BigDecimal(commission.getAmount()))
            .param("currency", commission.getCurrency())
            .param("id", logId)
            .update();
    }

    public Optional<Money> commission(long logId) {
        return jdbc.sql("""
                select commission, commission_currency from postback_logs where id = :id and commission is not null""")
            .param("id", logId)
            .query((rs, n) -> new Money(rs.getBigDecimal("commission").toPlainString(),
                    rs.getString("commission_currency")))
            .optional();
    }
}
