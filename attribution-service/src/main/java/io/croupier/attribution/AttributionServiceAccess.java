package io.croupier.attribution;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static io.croupier.access.Role.PUBLISHER;
import static org.springframework.http.HttpMethod.GET;

/** Who may call attribution-service: it answers reads, and seed 002's deeplink tracking, which apps call openly. */
@Component
class AttributionServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.publicly(GET, "/track")
            .permit(GET, "/clicks/*", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/clicks", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/conversions/unattributed", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/conversions/parked", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/conversions/parked/counts", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/offers/*/funnel", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/offers/timeline", ADMIN, MANAGER, ANALYST);
    }
}
