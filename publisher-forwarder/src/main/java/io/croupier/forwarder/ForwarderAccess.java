package io.croupier.forwarder;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static io.croupier.access.Role.PUBLISHER;
import static org.springframework.http.HttpMethod.GET;

/**
 * Who may call publisher-forwarder. Publishers and their secrets are managers' work; a publisher reads its own
 * deliveries (the controllers scope them by its token); replays are managers' work. First match wins, so the
 * narrower paths come first.
 */
@Component
class ForwarderAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.permit(GET, "/admin/publishers/*/deliveries", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/admin/publishers/*/dead-letters", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/admin/deliveries/dead-letters", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/admin/deliveries/health", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/admin/deliveries/endpoints", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/admin/deliveries/*", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit("/admin/deliveries/**", ADMIN, MANAGER)
            .permit("/admin/publishers/**", ADMIN, MANAGER);
    }
}
