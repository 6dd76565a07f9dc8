package io.croupier.postback.inbound;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.croupier.secrets.atrest.EncryptedColumn;
import io.croupier.secrets.atrest.SecretCipher;
import io.croupier.secrets.webhook.WebhookSecret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code inbound_policies}: one row per offer that asked for more than the seeds' own identification. The signing
 * secrets are stored encrypted ({@link SecretCipher}, bound to the offer), shown in clear only when created, and
 * decrypted only to check a signature.
 */
@Repository
class InboundPolicies {

    static final EncryptedColumn SIGNING_SECRET = new EncryptedColumn("inbound_policies", "offer_id",
            "signing_secret", "inbound-signing-secret");

    static final EncryptedColumn PREVIOUS_SIGNING_SECRET = new EncryptedColumn("inbound_policies", "offer_id",
            "previous_signing_secret", "inbound-signing-secret");

    private static final String COLUMNS = """
            offer_id, signature_required, signing_secret, signing_secret_hint, previous_signing_secret,
            previous_valid_until, allowed_sources, updated_at""";

    private static final int HINT_LENGTH = 4;

    private final JdbcClient jdbc;

    private final SecretCipher cipher;

    InboundPolicies(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    Optional<InboundPolicy> find(String offerId) {
        return jdbc.sql("select " + COLUMNS + " from inbound_policies where offer_id = :offer")
            .param("offer", offerId)
            .query(this::policy)
            .optional();
    }

    /** Locks the row (creating it if need be), so that concurrent changes of one offer's policy queue. */
    InboundPolicy lock(String offerId) {
        jdbc.sql("""
                insert into inbound_policies (offer_id, updated_at) values (:offer, now())
                on conflict (offer_id) do nothing""")
            .param("offer", offerId)
            .update();
        return jdbc.sql("select " + COLUMNS + " from inbound_policies where offer_id = :offer for update")
            .param("offer", offerId)
            .query(this::policy)
            .single();
    }

    /** By offer id, those after {@code afterOfferId} (from the first when it is null): the primary key in order. */
    List<InboundPolicy> after(String afterOfferId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from inbound_policies"
                + " where (cast(:after as text) is null or offer_id > :after) order by offer_id limit :limit")
            .param("after", afterOfferId)
            .param("limit", limit)
            .query(this::policy)
            .list();
    }

    void saveRules(String offerId, boolean signatureRequired, List<String> allowedSources) {
        jdbc.sql("""
                update inbound_policies set signature_required = :required, allowed_sources = :sources,
                    updated_at = now()
                where offer_id = :offer""")
            .param("required", signatureRequired)
            .param("sources", allowedSources.toArray(String[]::new))
            .param("offer", offerId)
            .update();
    }

    /**
     * The new secret replaces the current one, which stays accepted until {@code previousValidUntil} (null: not at
     * all). Both columns bind their ciphertexts to the offer alike, so the current one moves over as it is.
     */
    void saveSecrets(String offerId, WebhookSecret secret, Instant previousValidUntil) {
        jdbc.sql("""
                update inbound_policies set signing_secret = :secret, signing_secret_hint = :hint,
                    previous_signing_secret = case when :keepPrevious then signing_secret end,
                    previous_valid_until = :until, updated_at = now()
                where offer_id = :offer""")
            .param("secret", cipher.encrypt(secret.value(), SIGNING_SECRET.associatedData(offerId)))
            .param("hint", secret.value().substring(secret.value().length() - HINT_LENGTH))
            .param("keepPrevious", previousValidUntil != null)
            .param("until", previousValidUntil == null ? null : Timestamp.from(previousValidUntil))
            .param("offer", offerId)
            .update();
    }

    /** The secrets a signature may be made with at this moment, current first: the only place they are decrypted. */
    List<WebhookSecret> secretsAcceptedAt(InboundPolicy policy, Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        if (policy.hasSigningSecret()) {
            secrets.add(decrypted(SIGNING_SECRET, policy.offerId(), policy.signingSecret()));
        }
        if (policy.previousAcceptedAt(now)) {
            secrets.add(decrypted(PREVIOUS_SIGNING_SECRET, policy.offerId(), policy.previousSigningSecret()));
        }
        return secrets;
    }

    /** Forgets previous secrets whose grace period is over, so no expired secret stays stored. */
    int forgetExpiredPreviousSecrets(Instant now) {
        return jdbc.sql("""
                update inbound_policies set previous_signing_secret = null, previous_valid_until = null
                where previous_valid_until <= :now""")
            .param("now", Timestamp.from(now))
            .update();
    }

    /** Message ids older than the signature tolerance can no longer be replayed: their timestamps are refused. */
    int forgetMessagesReceivedBefore(Instant cutoff) {
        return jdbc.sql("delete from inbound_messages where received_at < :cutoff")
            .param("cutoff", Timestamp.from(cutoff))
            .update();
    }

    static Instant previousValidUntil(Duration keepPrevious, Instant now) {
        return keepPrevious == null || keepPrevious.isZero() || keepPrevious.isNegative() ? null
                : now.plus(keepPrevious);
    }

    private WebhookSecret decrypted(EncryptedColumn column, String offerId, byte[] ciphertext) {
        return new WebhookSecret(cipher.decrypt(ciphertext, column.associatedData(offerId)));
    }

    private InboundPolicy policy(ResultSet rs, int row) throws SQLException {
        String offerId = rs.getString("offer_id");
        Timestamp until = rs.getTimestamp("previous_valid_until");
        Array sources = rs.getArray("allowed_sources");
        return new InboundPolicy(offerId, rs.getBoolean("signature_required"), rs.getBytes("signing_secret"),
                rs.getString("signing_secret_hint"), rs.getBytes("previous_signing_secret"),
                until == null ? null : until.toInstant(),
                sources == null ? List.of() : Arrays.asList((String[]) sources.getArray()),
                rs.getTimestamp("updated_at").toInstant());
    }
}
