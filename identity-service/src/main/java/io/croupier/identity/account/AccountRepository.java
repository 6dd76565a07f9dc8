package io.croupier.identity.account;

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
class AccountRepository {

    private static final String COLUMNS = """
            id, username, password_hash, role, publisher_id, enabled, failed_logins, locked_until, created_at,
            updated_at, password_changed_at, last_login_at""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new account, or empty when the username (case-insensitively) is taken */
    Optional<Account> insert(String username, String passwordHash, Role role, String publisherId, Instant now) {
        return jdbc.sql("""
                insert into accounts (username, password_hash, role, publisher_id, created_at, updated_at,
                    password_changed_at)
                values (:username, :hash, :role, :publisherId, :now, :now, :now)
                on conflict (lower(username)) do nothing
                """ + "returning " + COLUMNS)
            .param("username", username)
            .param("hash", passwordHash)
            .param("role", role.name())
            .param("publisherId", publisherId)
            .param("now", Timestamp.from(now))
            .query(AccountRepository::account)
            .optional();
    }

    Optional<Account> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = ?").param(id)
            .query(AccountRepository::account).optional();
    }

    Optional<Account> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = ? for update").param(id)
            .query(AccountRepository::account).optional();
    }

    Optional<Account> findByUsernameForUpdate(String username) {
        return jdbc.sql("select " + COLUMNS + " from accounts where lower(username) = lower(?) for update")
            .param(username)
            .query(AccountRepository::account)
            .optional();
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from accounts where lower(username) = lower(?)").param(username)
            .query(AccountRepository::account).optional();
    }

    /** Newest first, those created before {@code beforeId} (all when it is null): the primary key in order. */
    List<Account> newestBefore(Long beforeId, int count) {
        return jdbc.sql("select " + COLUMNS + " from accounts where (cast(:before as bigint) is null or id < :before)"
                + " order by id desc limit :count")
            .param("before", beforeId)
            .param("count", count)
            .query(AccountRepository::account)
            .list();
    }

    boolean exists() {
        return jdbc.sql("select exists (select 1 from accounts)").query(Boolean.class).single();
    }

    /** Locks every enabled administrator, so two requests cannot each remove "the other" last one. */
    int lockEnabledAdmins() {
        return jdbc.sql("select id from accounts where role = 'ADMIN' and enabled for update").query(Long.class)
            .list().size();
    }

    void update(Account account) {
        jdbc.sql("""
                update accounts set password_hash = :hash, role = :role, publisher_id = :publisherId,
                    enabled = :enabled, failed_logins = :failedLogins, locked_until = :lockedUntil,
                    updated_at = :updatedAt, password_changed_at = :passwordChangedAt, last_login_at = :lastLoginAt
                where id = :id""")
            .param("id", account.id())
            .param("hash", account.passwordHash())
            .param("role", account.role().name())
            .param("publisherId", account.publisherId())
            .param("enabled", account.enabled())
            .param("failedLogins", account.failedLogins())
            .param("lockedUntil", timestamp(account.lockedUntil()))
            .param("updatedAt", timestamp(account.updatedAt()))
            .param("passwordChangedAt", timestamp(account.passwordChangedAt()))
            .param("lastLoginAt", timestamp(account.lastLoginAt()))
            .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getString("publisher_id"), rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), instant(rs.getTimestamp("locked_until")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("password_changed_at")), instant(rs.getTimestamp("last_login_at")));
    }
}
