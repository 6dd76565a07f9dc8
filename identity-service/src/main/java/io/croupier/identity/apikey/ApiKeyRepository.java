package io.croupier.identity.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.access.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = """
            id, client_id, name, role, publisher_id, created_by, created_at, expires_at, last_used_at, revoked_at""";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(String clientId, String name, Role role, String publisherId, byte[] secretHash, String createdBy,
            Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                insert into api_keys (client_id, name, role, publisher_id, secret_hash, created_by, created_at,
                    expires_at)
                values (:clientId, :name, :role, :publisherId, :secretHash, :createdBy, :createdAt, :expiresAt)
                """ + "returning " + COLUMNS)
            .param("clientId", clientId)
            .param("name", name)
            .param("role", role.name())
            .param("publisherId", publisherId)
            .param("secretHash", secretHash)
            .param("createdBy", createdBy)
            .param("createdAt", Timestamp.from(createdAt))
            .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt))
            .query(ApiKeyRepository::apiKey)
            .single();
    }

    Optional<ApiKey> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?").param(id)
            .query(ApiKeyRepository::apiKey).optional();
    }

    /** Newest first, those created before {@code beforeId} (all when it is null): the primary key in order. */
    List<ApiKey> newestBefore(Long beforeId, int count) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where (cast(:before as bigint) is null or id < :before)"
                + " order by id desc limit :count")
            .param("before", beforeId)
            .param("count", count)
            .query(ApiKeyRepository::apiKey)
            .list();
    }

    /** The key and its secret's hash, for checking a presented secret. */
    Optional<StoredSecret> findSecret(String clientId) {
        return jdbc.sql("select " + COLUMNS + ", secret_hash from api_keys where client_id = ?")
            .param(clientId)
            .query((rs, n) -> new StoredSecret(apiKey(rs, n), rs.getBytes("secret_hash")))
            .optional();
    }

    void markUsed(long id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    /** @return the key as revoked, or empty when there is no such key */
    Optional<ApiKey> revoke(long id, Instant at) {
        return jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ? returning " + COLUMNS)
            .params(Timestamp.from(at), id)
            .query(ApiKeyRepository::apiKey)
            .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("client_id"), rs.getString("name"),
                Role.valueOf(rs.getString("role")), rs.getString("publisher_id"), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
    }

    record StoredSecret(ApiKey key, byte[] hash) {
    }
}
