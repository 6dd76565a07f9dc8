package io.croupier.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * One account per role for trying the platform out, and a publisher account for the demo affiliate {@code joao123}.
 * Their passwords are demo data of this local stack only, printed in its banner; nothing else in Croupier has a
 * built-in password. The administrator is identity-service's first administrator, from the stack's settings.
 */
final class DemoAccounts {

    static final Account ADMIN = new Account("admin", "croupier-admin", "ADMIN");

    static final Account MANAGER = new Account("manager", "croupier-manager", "MANAGER");

    static final Account ANALYST = new Account("analyst", "croupier-analyst", "ANALYST");

    /** Logs in as the demo affiliate of seed 003's examples. */
    static final Account PUBLISHER = new Account("joao123", "croupier-publisher", "PUBLISHER");

    static final List<Account> ALL = List.of(ADMIN, MANAGER, ANALYST, PUBLISHER);

    /** Creates the accounts that do not exist yet; the publisher account acts for {@code publisherId}. */
    static void load(AdminApi admin, String identityUrl, String publisherId) {
        String accountsUrl = identityUrl + "/admin/accounts";
        Set<String> existing = admin.list(accountsUrl).stream().map(account -> account.path("username").asString())
            .collect(Collectors.toSet());
        for (Account account : List.of(MANAGER, ANALYST, PUBLISHER)) {
            if (!existing.contains(account.username())) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("username", account.username());
                request.put("password", account.password());
                request.put("role", account.role());
                request.put("publisher_id", account == PUBLISHER ? publisherId : null);
                admin.create(accountsUrl, request);
            }
        }
    }

    static String idOf(List<JsonNode> publishers, String username) {
        return publishers.stream()
            .filter(publisher -> username.equals(publisher.path("username").asString()))
            .map(publisher -> publisher.path("id").asString())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no demo publisher " + username));
    }

    record Account(String username, String password, String role) {
    }

    private DemoAccounts() {
    }
}
