package io.croupier.identity.token;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.croupier.identity.IdentitySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys tokens are signed with, shared by every identity instance through the database. One key is active
 * (the newest); a rotated-out key stays in the published key set until every token it signed has expired, so
 * services keep accepting them. The private halves are stored encrypted (JWE {@code dir} + {@code A256GCM}) with
 * the configured key; if that key changed, the active key cannot be read and the service rotates to a new one.
 */
@Component
public class SigningKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** Serialises rotations of all instances. */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('identity.signing_keys'))";

    /** Beyond the longest token lifetime, for services whose clocks run behind. */
    private static final Duration PUBLISHED_MARGIN = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final IdentitySettings.SigningKeys settings;

    private final Duration publishedAfterRetirement;

    private final TaskScheduler scheduler;

    private final Clock clock = Clock.systemUTC();

    private volatile ActiveKey active;

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, TaskScheduler scheduler,
            IdentitySettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.settings = settings.signingKeys();
        this.publishedAfterRetirement = settings.tokens().longest().plus(PUBLISHED_MARGIN);
    }

    /** Makes sure a key this instance can sign with exists before the first login. */
    @Override
    public void afterPropertiesSet() {
        active = transactions.execute(status -> {
            jdbc.sql(LOCK).query().singleRow();
            Optional<StoredKey> newest = newest();
            if (newest.isPresent()) {
                Optional<RSAKey> readable = decrypt(newest.get());
                if (readable.isPresent()) {
                    return new ActiveKey(readable.get(), newest.get().createdAt());
                }
                log.warn("The active signing key {} cannot be decrypted with the configured encryption key; "
                        + "rotating to a new key", newest.get().kid());
            }
            return createAndActivate();
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, clock.instant().plus(settings.refreshInterval()),
                settings.refreshInterval());
    }

    /** The key to sign with now. */
    public RSAKey active() {
        return active.key();
    }

    /** The public keys services must accept now: the active one and those whose tokens may still be valid. */
    public JWKSet published() {
        List<JWK> keys = jdbc.sql("""
                select public_jwk from signing_keys
                where retired_at is null or retired_at > :since order by created_at desc""")
            .param("since", Timestamp.from(clock.instant().minus(publishedAfterRetirement)))
            .query((rs, n) -> parse(rs.getString("public_jwk")))
            .list();
        return new JWKSet(keys);
    }

    /**
     * Replaces the active key with a new one; the old one stays published until its tokens expire. Joins the
     * caller's transaction, and signs with the new key only once that has committed.
     */
    public RSAKey rotate() {
        return transactions.execute(status -> {
            jdbc.sql(LOCK).query().singleRow();
            ActiveKey rotated = createAndActivate();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    active = rotated;
                }
            });
            return rotated.key();
        });
    }

    /**
     * Picks up a key another instance rotated to, and rotates when the active key has reached its age. Under the
     * lock, so that of many instances only the first rotates.
     */
    void refresh() {
        active = transactions.execute(status -> {
            jdbc.sql(LOCK).query().singleRow();
            Optional<StoredKey> newest = newest();
            if (newest.isEmpty() || newest.get().createdAt().plus(settings.rotationInterval())
                .isBefore(clock.instant())) {
                return createAndActivate();
            }
            if (newest.get().kid().equals(active.key().getKeyID())) {
                return active;
            }
            return decrypt(newest.get()).map(key -> new ActiveKey(key, newest.get().createdAt()))
                .orElseGet(this::createAndActivate);
        });
    }

    private void refreshQuietly() {
        try {
            refresh();
        }
        catch (RuntimeException e) {
            log.warn("Could not refresh the signing key, still signing with {}: {}", active.key().getKeyID(),
                    e.toString());
        }
    }

    private ActiveKey createAndActivate() {
        Instant now = clock.instant();
        RSAKey key = generate();
        jdbc.sql("update signing_keys set retired_at = :now where retired_at is null")
            .param("now", Timestamp.from(now))
            .update();
        jdbc.sql("""
                insert into signing_keys (kid, public_jwk, private_jwk_encrypted, created_at)
                values (:kid, :publicJwk, :privateJwk, :now)""")
            .param("kid", key.getKeyID())
            .param("publicJwk", key.toPublicJWK().toJSONString())
            .param("privateJwk", encrypt(key))
            .param("now", Timestamp.from(now))
            .update();
        log.info("Token signing key {} is now active", key.getKeyID());
        return new ActiveKey(key, now);
    }

    private Optional<StoredKey> newest() {
        return jdbc.sql("""
                select kid, private_jwk_encrypted, created_at from signing_keys
                where retired_at is null order by created_at desc limit 1""")
            .query((rs, n) -> new StoredKey(rs.getString("kid"), rs.getString("private_jwk_encrypted"),
                    rs.getTimestamp("created_at").toInstant()))
            .optional();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint(true)
                .generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private String encrypt(RSAKey key) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                    new Payload(key.toJSONObject()));
            jwe.encrypt(new DirectEncrypter(settings.encryptionKeyBytes()));
            return jwe.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt the signing key", e);
        }
    }

    private Optional<RSAKey> decrypt(StoredKey stored) {
        try {
            JWEObject jwe = JWEObject.parse(stored.privateJwkEncrypted());
            jwe.decrypt(new DirectDecrypter(settings.encryptionKeyBytes()));
            Map<String, Object> jwk = jwe.getPayload().toJSONObject();
            return Optional.of(RSAKey.parse(jwk));
        }
        catch (JOSEException | ParseException e) {
            return Optional.empty();
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException e) {
            throw new IllegalStateException("unreadable public key in signing_keys", e);
        }
    }

    private record StoredKey(String kid, String privateJwkEncrypted, Instant createdAt) {
    }

    private record ActiveKey(RSAKey key, Instant createdAt) {
    }
}
