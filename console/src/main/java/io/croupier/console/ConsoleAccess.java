package io.croupier.console;

import io.croupier.access.AccessRules;
import io.croupier.access.Endpoints;
import org.springframework.http.HttpMethod;

/**
 * The pages and their libraries are public: they hold nothing but code, and the login page must load before anyone
 * has a token. Every call they make carries the user's token to the service that answers it.
 */
class ConsoleAccess implements AccessRules {

    @Override
    public void declare(Endpoints endpoints) {
        endpoints.publicly(HttpMethod.GET, "/console", ConsolePages.ROOT + "**");
    }
}
