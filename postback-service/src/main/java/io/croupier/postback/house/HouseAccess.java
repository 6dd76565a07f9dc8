package io.croupier.postback.house;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.croupier.postback.PostbackSettings;
import io.croupier.postback.intake.Fields;
import io.croupier.postback.intake.InboundCall;
import io.croupier.postback.intake.Outcome;
import io.croupier.postback.intake.Rejection;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The optional guards a house can turn on: a source-IP allowlist and a shared token in the {@code token} parameter.
 * Houses without settings are identified by their slug alone, as seed 003 integrates.
 */
@Component
class HouseAccess {

    private static final String DENIED = "Acesso negado";

    private final PostbackSettings settings;

    HouseAccess(PostbackSettings settings) {
        this.settings = settings;
    }

    void check(String houseSlug, InboundCall call, Fields fields) {
        PostbackSettings.HouseAccess access = settings.houses().get(houseSlug);
        if (access == null) {
            return;
        }
        if (!access.allowedIps().isEmpty() && !access.allowedIps().contains(call.sourceIp())) {
            throw new Rejection(Outcome.ERROR_SOURCE_NOT_ALLOWED, HttpStatus.FORBIDDEN, DENIED);
        }
        if (access.token() != null && !access.token().isEmpty()) {
            String sent = fields.raw("token");
            boolean matches = sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    access.token().getBytes(StandardCharsets.UTF_8));
            if (!matches) {
                throw new Rejection(Outcome.ERROR_INVALID_KEY, HttpStatus.FORBIDDEN, DENIED);
            }
        }
    }
}
