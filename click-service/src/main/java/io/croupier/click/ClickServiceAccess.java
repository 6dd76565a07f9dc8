package io.croupier.click;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.stereotype.Component;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.MANAGER;

/** Who may call click-service. */
@Component
class ClickServiceAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.hotPath("/click")
            .permit("/admin/offers/**", ADMIN, MANAGER);
    }
}
