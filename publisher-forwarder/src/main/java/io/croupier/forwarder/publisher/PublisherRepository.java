package io.croupier.forwarder.publisher;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.secrets.atrest.EncryptedColumn;
import io.croupier.secrets.atrest.SecretCipher;
import io.croupier.secrets.webhook.WebhookSecret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code publishers}; the signing secrets are stored encrypted ({@link SecretCipher}), each bound to its row. */
@Repository
class PublisherRepository {

    static final EncryptedColumn SIGNING_SECRET = new EncryptedColumn("publishers", "id", "signing_secret",
            "publisher-signing-secret");

    private static final TypeReference<LinkedHashMap<String, PayoutTerms>> OFFER_TERMS = new TypeReference<>() {
    };

    private static final String COLUMNS = """
            id, name, username, postback_url, method, signing_secret, revshare_percent, fixed_amount, fixed_currency,
            offer_terms, rate_limit_per_second, offerwall, active, endpoint_disabled_at, endpoint_disabled_reason,
            created_at, updated_at""";

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final SecretCipher cipher;

    PublisherRepository(JdbcClient jdbc, JsonMapper json, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** The id is drawn first: the secret is encrypted for its row, so the ciphertext needs it. */
    long insert(PublisherDefinition definition, WebhookSecret secret) {
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('publishers', 'id'))").query(Long.class).single();
        jdbc.sql("""
                insert into publishers (id, name, username, postback_url, method, signing_secret, revshare_percent,
                    fixed_amount, fixed_currency, offer_terms, rate_limit_per_second, offerwall, active)
                values (:id, :name, :username, :postbackUrl, :method, :secret, :revshare, :fixedAmount,
                    :fixedCurrency, cast(:offerTerms as jsonb), :rateLimit, :offerwall, :active)""")
            .params(parameters(definition))
            .param("id", id)
            .param("secret", encrypted(id, secret))
            .update();
        return id;
    }

    /** Replaces the definition and re-enables an endpoint a 410 had disabled: the admin has looked at it. */
    boolean update(long id, PublisherDefinition definition, WebhookSecret newSecret) {
        return jdbc.sql("""
                update publishers set name = :name, username = :username, postback_url = :postbackUrl,
                    method = :method, signing_secret = coalesce(:secret, signing_secret), revshare_percent = :revshare,
                    fixed_amount = :fixedAmount, fixed_currency = :fixedCurrency,
                    offer_terms = cast(:offerTerms as jsonb), rate_limit_per_second = :rateLimit,
                    offerwall = :offerwall, active = :active, endpoint_disabled_at = null,
                    endpoint_disabled_reason = null, updated_at = now()
                where id = :id""")
            .params(parameters(definition))
            .param("secret", newSecret == null ? null : encrypted(id, newSecret))
            .param("id", id)
            .update() == 1;
    }

    boolean deactivate(long id) {
        return jdbc.sql("update publishers set active = false, updated_at = now() where id = :id")
            .param("id", id)
            .update() == 1;
    }

    boolean replaceSecret(long id, WebhookSecret secret) {
        return jdbc.sql("update publishers set signing_secret = :secret, updated_at = now() where id = :id")
            .param("secret", encrypted(id, secret))
            .param("id", id)
            .update() == 1;
    }

    boolean disableEndpoint(long id, String reason) {
        return jdbc.sql("""
                update publishers set endpoint_disabled_at = now(), endpoint_disabled_reason = :reason
                where id = :id and endpoint_disabled_at is null""")
            .param("reason", reason)
            .param("id", id)
            .update() == 1;
    }

    Optional<PublisherRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from publishers where id = :id")
            .param("id", id)
            .query(this::row)
            .optional();
    }

    List<PublisherRow> page(Long afterId, int count) {
        return jdbc.sql("select " + COLUMNS + """
                 from publishers
                where cast(:afterId as bigint) is null or id > :afterId
                order by id
                limit :count""")
            .param("afterId", afterId)
            .param("count", count)
            .query(this::row)
            .list();
    }

    private Map<String, Object> parameters(PublisherDefinition definition) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", definition.name());
        values.put("username", definition.username());
        values.put("postbackUrl", definition.template().toString());
        values.put("method", definition.method().name());
        values.put("revshare", definition.payoutTerms().revsharePercent());
        values.put("fixedAmount", definition.payoutTerms().fixedAmount());
        values.put("fixedCurrency", definition.payoutTerms().currency());
        values.put("offerTerms", json.writeValueAsString(definition.offerTerms()));
        values.put("rateLimit", definition.rateLimitPerSecond());
        values.put("offerwall", definition.offerwall());
        values.put("active", definition.active());
        return values;
    }

    private PublisherRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new PublisherRow(rs.getLong("id"), rs.getString("name"), rs.getString("username"),
                rs.getString("postback_url"), PostbackMethod.valueOf(rs.getString("method")),
                rs.getBytes("signing_secret"),
                new PayoutTerms(rs.getBigDecimal("revshare_percent"), rs.getBigDecimal("fixed_amount"),
                        rs.getString("fixed_currency")),
                json.readValue(rs.getString("offer_terms"), OFFER_TERMS), rs.getInt("rate_limit_per_second"),
                rs.getBoolean("offerwall"), rs.getBoolean("active"), instant(rs.getTimestamp("endpoint_disabled_at")),
                rs.getString("endpoint_disabled_reason"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private byte[] encrypted(long id, WebhookSecret secret) {
        return cipher.encrypt(secret.value(), SIGNING_SECRET.associatedData(id));
    }

    /** The publisher's signing secret in clear, for the one moment a delivery is signed with it. */
    WebhookSecret signingSecret(PublisherRow row) {
        return new WebhookSecret(cipher.decrypt(row.encryptedSigningSecret(), SIGNING_SECRET.associatedData(row.id())));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
