package io.croupier.analytics;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call analytics-service: reports, inputs and event reads are analysts' reading; imports, pipeline runs and
 * player events sent in are managers' work (a casino's or app's backend sends events with a manager's API key). First
 * match wins.
 */
@Component
class AnalyticsServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.permit(POST, "/event", ADMIN, MANAGER)
            .permit(POST, "/imports/**", ADMIN, MANAGER)
            .permit(POST, "/run-pipeline", ADMIN, MANAGER)
            .permit(POST, "/ad-spend", ADMIN, MANAGER)
            .permit(GET, "/ad-spend", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/events", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/stats", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/imports/**", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/imports", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/inputs", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/pipeline/runs", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/reports/**", ADMIN, MANAGER, ANALYST);
    }
}
