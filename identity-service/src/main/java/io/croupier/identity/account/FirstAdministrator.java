package io.croupier.identity.account;

import io.croupier.identity.IdentitySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a first start, with no account at all, creates the administrator named by {@code croupier.identity.bootstrap-
 * admin.*}. There is no built-in password: without one configured the service starts with no account and says so.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;

    private final IdentitySettings.BootstrapAdmin settings;

    FirstAdministrator(Accounts accounts, IdentitySettings settings) {
        this.accounts = accounts;
        this.settings = settings.bootstrapAdmin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.password() == null || settings.password().isBlank()) {
            if (!accounts.anyAccount()) {
                log.warn("No account exists and no first administrator is configured: set "
                        + "CROUPIER_IDENTITY_BOOTSTRAPADMIN_PASSWORD (and optionally ..._USERNAME) and restart");
            }
            return;
        }
        if (accounts.createFirstAdministrator(settings.username(), settings.password())) {
            log.info("Created the first administrator account '{}'; change its password through the API and remove "
                    + "the bootstrap password from the configuration", settings.username());
        }
    }
}
