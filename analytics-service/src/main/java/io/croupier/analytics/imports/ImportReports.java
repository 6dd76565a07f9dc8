package io.croupier.analytics.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Past imports and their reports, as stored in {@code imports}. */
@Repository
class ImportReports {

    private static final JsonMapper EXACT = JsonMapper.builder()
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();

    private static final TypeReference<List<RowProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ImportReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ImportReport> find(long importId) {
        return jdbc.sql("select *, problems::text as problem_list from imports where import_id = :id")
            .param("id", importId)
            .query((rs, n) -> report(rs, EXACT.readValue(rs.getString("problem_list"), PROBLEMS)))
            .optional();
    }

    /** Newest first, those before {@code beforeId} (all when it is null): the primary key in order. */
    List<ImportReport> latest(String kind, Long beforeId, int limit) {
        return jdbc.sql("""
                select * from imports where (cast(:kind as text) is null or kind = :kind)
                  and (cast(:before as bigint) is null or import_id < :before)
                order by import_id desc limit :limit""")
            .param("kind", kind)
            .param("before", beforeId)
            .param("limit", limit)
            .query((rs, n) -> report(rs, null))
            .list();
    }

    private static ImportReport report(ResultSet rs, List<RowProblem> problems) throws SQLException {
        return new ImportReport(rs.getLong("import_id"), rs.getString("kind"), rs.getString("format"),
                rs.getString("file_name"), rs.getString("on_conflict"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getLong("row_count"),
                rs.getLong("inserted"), rs.getLong("replaced"), rs.getLong("unchanged"), rs.getLong("conflicts"),
                rs.getLong("rejected"), problems, rs.getBoolean("problems_truncated"));
    }
}
