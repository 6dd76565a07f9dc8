package io.croupier.frontdoor;

import java.util.Set;

/**
 * Who reads which definition of the documentation page. An operation's audience follows from what its service
 * documents about it: which service serves it, and whether it is public or which roles may call it (the roles come
 * from the same access rules the service enforces). So a new endpoint lands in the right definitions without anyone
 * listing it here.
 */
enum Audience {

    CASINOS("casinos", "Casinos", "Croupier for casinos and betting houses", """
            What a casino or betting house sends Croupier: registrations, deposits, profits and chargebacks, in the \
            format it already speaks (seed 000's JSON webhooks, seed 001's `POST /postback`, seed 003's \
            `GET /api/postback/{house}/{event}`, seed 004's `GET|POST /postback/{key}` with its approved, pending, \
            rejected and test statuses), and seed 002's player events, deeplink tracking (`/track`), points \
            (`/earn`, `/balance`), imports (confirmed purchases and their chargebacks, ad costs, sessions) and \
            analytics. Every answer below is the exact body a sender gets, errors included.

            **Authenticating your calls.** Each format carries the credential it always did (seed 001's \
            `secret`, seed 004's key in the path, seed 003's house); an offer can additionally require Standard \
            Webhooks signatures and restrict the source addresses. JSON webhooks are signed in the headers \
            `webhook-id`, `webhook-timestamp`, `webhook-signature` over `<id>.<timestamp>.<body>`; GET postbacks \
            in the parameters `webhook_id`, `webhook_timestamp`, `webhook_signature` over \
            `<id>.<timestamp>.<canonical path>?<canonical query>`. The integration guide \
            (`docs/integrating.md`) has worked examples whose bytes you can recompute.

            **Retries and duplicates.** Retry with the same content until you get a 2xx. A repeat of a fact \
            already accepted (the same transaction id, or what each format keys on) answers 200 with \
            `"duplicate": true` and counts nothing twice; a signed message id is accepted once per offer.

            **Operator endpoints** (seed 002's analytics) need a bearer token: `POST /login`, then **Authorize**."""),

    VISITORS_AND_PUBLISHERS("publishers", "Visitors and publishers", "Croupier for visitors and publishers", """
            The click link you send visitors to (`GET /click`, seed 001) and what a publisher reads about its own \
            traffic and earnings with a `PUBLISHER` token: clicks, conversions, ledger entries, payouts, \
            deliveries and report rows, always scoped to your own publisher.

            **Postbacks we send you.** Every payout is forwarded to your postback URL (GET with macros, or POST \
            with a JSON body), signed with Standard Webhooks: `webhook-id` (the delivery id, the same on every \
            retry: deduplicate on it), `webhook-timestamp` (seconds) and `webhook-signature: v1,<base64 \
            HMAC-SHA256 of id.timestamp.body>` under the key your `whsec_` secret holds. A 2xx within 15 s is \
            success; anything else is retried for about 28 hours. The integration guide (`docs/integrating.md`) \
            shows how to verify one, with an example you can recompute.

            **Tokens.** `POST /login` with your account, or exchange an API key at `POST /token`, then \
            **Authorize**."""),

    OPERATORS("operators", "Operators", "Croupier for operators", """
            Running the platform: offers and deals, publishers and their terms, routing weights, reports, the \
            commission ledger, conversions, deliveries and their replays, dead letters, imports, accounts, API \
            keys, signing keys, inbound authentication and the audit trail.

            Every operation names the roles that may call it (`ADMIN`, `MANAGER`, `ANALYST`). Log in with \
            `POST /login`, press **Authorize** and paste the token. Operations every service serves (dead \
            letters, encryption at rest) are reached through the front door as `/services/<service-name>/...`. \
            Errors are RFC 9457 problem details (`application/problem+json`)."""),

    PLATFORM("platform", "Whole platform", "Croupier", """
            Every endpoint of every Croupier service, as reached through the front door. The other definitions \
            show the same operations sorted by who calls them.""");

    private static final Set<Backend> CASINO_FACING = Set.of(Backend.POSTBACK, Backend.ANALYTICS);

    /** Seed 002's endpoints that other services than analytics-service serve: its deeplink tracking and points. */
    private static final Set<String> SEED_002_ELSEWHERE = Set.of("/track", "/earn", "/balance");

    private final String slug;

    private final String label;

    private final String title;

    private final String description;

    Audience(String slug, String label, String title, String description) {
        this.slug = slug;
        this.label = label;
        this.title = title;
        this.description = description;
    }

    /** Whether this audience reads {@code operation}. */
    boolean reads(DocumentedOperation operation) {
        return switch (this) {
            case CASINOS -> SEED_002_ELSEWHERE.contains(operation.path()) || (operation.isPublic()
                    ? CASINO_FACING.contains(operation.backend()) || operation.backend() == Backend.IDENTITY
                    : operation.backend() == Backend.ANALYTICS && !operation.path().startsWith("/admin/"));
            case VISITORS_AND_PUBLISHERS -> operation.isPublic()
                    ? operation.backend() == Backend.CLICK || operation.backend() == Backend.IDENTITY
                    : operation.roles().contains("PUBLISHER");
            case OPERATORS -> operation.isPublic()
                    ? operation.backend() != Backend.CLICK && !CASINO_FACING.contains(operation.backend())
                    : operation.roles().stream().anyMatch(role -> !"PUBLISHER".equals(role));
            case PLATFORM -> true;
        };
    }

    /** Whether this audience receives the requests the platform sends (the publishers' postbacks). */
    boolean readsWebhooks() {
        return this == VISITORS_AND_PUBLISHERS || this == PLATFORM;
    }

    String slug() {
        return slug;
    }

    String label() {
        return label;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    /** Where the front door serves this audience's definition. */
    String definitionPath() {
        return "/docs/" + slug + ".json";
    }
}
