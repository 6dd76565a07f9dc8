package io.croupier.identity;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static io.croupier.access.Role.PUBLISHER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/** Who may call identity-service. */
@Component
class IdentityServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.publicly(POST, "/login", "/token")
            .publicly(GET, "/.well-known/jwks.json", "/.well-known/openid-configuration",
                    "/.well-known/revoked-sessions.json")
            .permit(POST, "/login/renew", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/me", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(PUT, "/me/password", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit("/admin/accounts/**", ADMIN)
            .permit("/admin/api-keys/**", ADMIN)
            .permit("/admin/signing-keys/**", ADMIN)
            .permit(GET, "/admin/audit", ADMIN);
    }
}
