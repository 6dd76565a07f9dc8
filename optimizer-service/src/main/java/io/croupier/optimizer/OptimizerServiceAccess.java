package io.croupier.optimizer;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static org.springframework.http.HttpMethod.GET;

/** Who may call optimizer-service: statistics and weight history for operators, recalculation for managers. */
@Component
class OptimizerServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.permit(GET, "/admin/stats", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/admin/weight-sets/**", ADMIN, MANAGER, ANALYST)
            .permit("/admin/update-weights", ADMIN, MANAGER);
    }
}
