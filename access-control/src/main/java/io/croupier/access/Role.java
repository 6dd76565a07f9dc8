package io.croupier.access;

import java.util.Set;

/**
 * What a caller may do. Operators ({@code ADMIN}, {@code MANAGER}, {@code ANALYST}) see every publisher's data; a
 * {@code PUBLISHER} sees only its own, scoped by the publisher claim of its token.
 */
public enum Role {

    /** Everything, including accounts, API keys and the audit trail. */
    ADMIN,

    /** Offers, deals, publishers, replays and imports, and everything an analyst reads. */
    MANAGER,

    /** Reads reports, the ledger and statistics; changes nothing. */
    ANALYST,

    /** Reads its own publisher's clicks, conversions, ledger entries, payouts, deliveries and statistics. */
    PUBLISHER;

    /** The roles that see every publisher. */
    public static final Set<Role> OPERATORS = Set.of(ADMIN, MANAGER, ANALYST);

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
