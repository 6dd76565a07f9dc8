package io.croupier.postback;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

/**
 * Who may call postback-service: casinos and partners, on every seed's endpoint, with any method (a wrong method
 * gets its 405, not a 401). They prove themselves by the seeds' own secrets, keys, tokens and allow-lists, never by
 * a bearer token. Everything else here (dead letters) follows the platform's rules.
 */
@Component
class PostbackServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.publicly("/webhooks/gaming/**", "/postback", "/postback/*", "/api/postback/**",
                "/api/analytics/postback/test");
    }
}
