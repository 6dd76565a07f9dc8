package io.croupier.postback.log;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The postback log for operators (seed 003 asks them to "monitor logs", which took SQL): every inbound call with its
 * format, outcome, offer, source address, time and payload, newest first, filtered and paged by a cursor. The path,
 * query and body are answered as they were logged, which is with every secret already masked ({@code Redaction}).
 * Its JSON is snake_case like every operator API's, unlike this service's seed-compatible answers.
 */
@Tag(name = "Postback log", description = "Every inbound call with its format, outcome, offer, address, time and "
        + "payload (secrets masked), filtered and paged.")
@RestController
class PostbackLogController {

    private final JdbcClient jdbc;

    PostbackLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param cursor the {@code next_cursor} of the previous page: the rows logged before it
     * @param from inclusive
     * @param to exclusive
     */
    @ErrorAnswer(status = 400, when = "limit is out of range, or a parameter is malformed",
            detail = "limit must be between 1 and 500")
    @GetMapping("/admin/postback-logs")
    CursorPage<Row> list(@RequestParam(required = false) String format,
            @RequestParam(required = false) String outcome,
            @RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        List<Row> rows = jdbc.sql("""
                select * from postback_logs
                 where (cast(:format as text) is null or format = :format)
                   and (cast(:outcome as text) is null or outcome = :outcome)
                   and (cast(:offer as text) is null or offer_id = :offer)
                   and received_at >= coalesce(cast(:from as timestamptz), '-infinity')
                   and received_at < coalesce(cast(:to as timestamptz), 'infinity')
                   and (cast(:cursor as bigint) is null or id < :cursor)
                 order by id desc
                 limit :limit""")
            .param("format", format)
            .param("outcome", outcome)
            .param("offer", offerId)
            .param("from", from == null ? null : Timestamp.from(from))
            .param("to", to == null ? null : Timestamp.from(to))
            .param("cursor", after == null ? null : after.numericId())
            .param("limit", request.fetchSize())
            .query(PostbackLogController::row)
            .list();
        return request.page(rows, row -> Cursor.of(row.id()));
    }

    @ErrorAnswer(status = 404, when = "No postback log row has this id", detail = "No postback log row 42")
    @GetMapping("/admin/postback-logs/{id}")
    Row one(@PathVariable long id) {
        return jdbc.sql("select * from postback_logs where id = :id")
            .param("id", id)
            .query(PostbackLogController::row)
            .optional()
            .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No postback log row " + id));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        BigDecimal commission = rs.getBigDecimal("commission");
        return new Row(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("source_ip"),
                rs.getString("method"), rs.getString("path"), rs.getString("query"), rs.getString("body"),
                rs.getString("format"), rs.getString("outcome"), rs.getString("message"), rs.getString("offer_id"),
                rs.getString("event_id"), rs.getObject("duplicate_of", Long.class),
                commission == null ? null : new Amount(commission.toPlainString(),
                        rs.getString("commission_currency")));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /**
     * @param eventId the conversion event the call became, when it was accepted
     * @param duplicateOf the row of the call this one repeated
     * @param commission what the call earned, once commission-service computed it (seed 003 answers it)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Row(long id, Instant receivedAt, String sourceIp, String method, String path, String query, String body,
            String format, String outcome, String message, String offerId, String eventId, Long duplicateOf,
            Amount commission) {
    }

    record Amount(String amount, String currency) {
    }
}
