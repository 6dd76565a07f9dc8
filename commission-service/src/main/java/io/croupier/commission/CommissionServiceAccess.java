package io.croupier.commission;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static io.croupier.access.Role.PUBLISHER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call commission-service. A publisher reads its own ledger entries, conversions, offerwall users' points
 * (also through seed 002's {@code /balance}) and report rows, scoped by the controllers from its token; LTV, offer and
 * campaign reports and the payouts held for a decision are for operators, and only managers decide them and grant
 * points ({@code /earn}).
 */
@Component
class CommissionServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.permit(POST, "/ledger/entries/*/confirm", ADMIN, MANAGER)
            .permit(POST, "/ledger/entries/*/reject", ADMIN, MANAGER)
            .permit(GET, "/ledger/held", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/ledger/entries/**", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/ledger/trace", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/conversions", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/publishers/*/users/*/points", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/reports/publishers", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/reports/timeline", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(GET, "/reports/**", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/deals/*/versions", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/customers/**", ADMIN, MANAGER, ANALYST)
            .permit(GET, "/balance", ADMIN, MANAGER, ANALYST, PUBLISHER)
            .permit(POST, "/earn", ADMIN, MANAGER);
    }
}
