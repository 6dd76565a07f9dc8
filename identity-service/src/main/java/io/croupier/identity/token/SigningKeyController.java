package io.croupier.identity.token;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import io.croupier.runtime.audit.AuditTrail;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Key rotation on demand (for ADMIN), for a suspected leak; routine rotation happens on its own. */
@Tag(name = "Token signing keys", description = "The keys tokens are signed with: the published key set every "
        + "service validates against, and rotation on demand.")
@RestController
class SigningKeyController {

    private final SigningKeys keys;

    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    SigningKeyController(SigningKeys keys, AuditTrail audit, TransactionTemplate transactions) {
        this.keys = keys;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The published public keys, newest (the active one) first. */
    @GetMapping("/admin/signing-keys")
    List<Map<String, Object>> published() {
        return keys.published().getKeys().stream().map(JWK::toJSONObject).toList();
    }

    @PostMapping("/admin/signing-keys/rotate")
    Map<String, Object> rotate() {
        String previous = keys.active().getKeyID();
        String current = transactions.execute(status -> {
            String kid = keys.rotate().getKeyID();
            audit.record("rotate", "signing-key", kid, Map.of("active_kid", previous), Map.of("active_kid", kid));
            return kid;
        });
        return Map.of("active_kid", current, "previous_kid", previous);
    }
}
