package io.croupier.postback;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static org.springframework.http.HttpMethod.GET;

/**
 * Who may call postback-service: casinos and partners, on every seed's endpoint, with any method (a wrong method
 * gets its 405, not a 401). They prove themselves by the seeds' own secrets, keys, tokens and allow-lists, never by
 * a bearer token. Offers' inbound authentication (signing secrets, allow-lists) is managers' work; everything else
 * here (dead letters, the encryption keyset's re-encryption) follows the platform's rules.
 */
@Component
class PostbackServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.publicly("/webhooks/gaming/**", "/postback", "/postback/*", "/api/postback/**",
                "/api/analytics/postback/test")
            .permit("/admin/inbound-auth/**", ADMIN, MANAGER)
            .permit(GET, "/admin/postback-logs", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/admin/postback-logs/*", ADMIN, MANAGER, ANALYST);
    }
}
