package io.croupier.localstack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The demo catalogue, taken from the seeds so that every example URL in them works as written: the offer router's
 * offers (seed 001, one with the secret its README uses), the houses {@code brazino} (CPA) and {@code bet365}
 * (RevShare) of seed 003, the gaming platform {@code casino_pro} of seed 000, the partner key {@code abc123xyz} of
 * seed 004, the affiliates {@code joao123}, {@code maria456} and {@code teste123}, and the demo accounts; besides the
 * seeds, the platform {@code sigma_casino}, which accepts only signed webhooks. Loading is idempotent: what exists (by
 * name or username) is left as it is, so a restart keeps the first run's data.
 */
final class DemoData {

    static final String PARTNER_KEY = "abc123xyz";

    static final String SEED_001_SECRET = "your_offer_secret_here";

    static final String SIGNED_OFFER = "Sigma Casino";

    static final String SIGNED_PLATFORM = "sigma_casino";

    private final AdminApi admin;

    DemoData(AdminApi admin) {
        this.admin = admin;
    }

    void load(String clickServiceUrl, String postbackServiceUrl, String forwarderUrl, String identityUrl,
            String demoPublisherUrl) {
        String offersUrl = clickServiceUrl + "/admin/offers";
        Set<String> existingOffers = names(admin.list(offersUrl), "name");
        for (Map<String, Object> offer : offers()) {
            if (!existingOffers.contains((String) offer.get("name"))) {
                admin.create(offersUrl, offer);
            }
        }
        requireSignedWebhooks(postbackServiceUrl, idOf(admin.list(offersUrl), SIGNED_OFFER));
        String publishersUrl = forwarderUrl + "/admin/publishers";
        Set<String> existingPublishers = names(admin.list(publishersUrl), "username");
        for (Map<String, Object> publisher : publishers(demoPublisherUrl)) {
            if (!existingPublishers.contains((String) publisher.get("username"))) {
                admin.create(publishersUrl, publisher);
            }
        }
        DemoAccounts.load(admin, identityUrl, DemoAccounts.idOf(admin.list(publishersUrl),
                DemoAccounts.PUBLISHER.username()));
    }

    /**
     * Makes the signed demo platform refuse unsigned webhooks: a signing secret first (whoever plays the casino
     * rotates it to learn it, see {@link CasinoCredentials}), then the requirement. postback-service learns of the
     * offer from the offers topic, so the policy is set once it knows it.
     */
    private void requireSignedWebhooks(String postbackServiceUrl, long offerId) {
        String policyUrl = postbackServiceUrl + "/admin/inbound-auth/" + offerId;
        JsonNode policy = awaitKnown(policyUrl);
        if (policy.path("signature_required").asBoolean()) {
            return;
        }
        if (policy.path("signing_secret").isNull()) {
            admin.post(policyUrl + "/signing-secret");
        }
        admin.put(policyUrl, Map.of("signature_required", true));
    }

    private JsonNode awaitKnown(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return admin.get(url);
            }
            catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    static long idOf(List<JsonNode> offers, String name) {
        return offers.stream()
            .filter(offer -> name.equals(offer.path("name").asString()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no demo offer " + name))
            .path("id")
            .asLong();
    }

    static List<Map<String, Object>> offers() {
        return List.of(
                offer("Casino Alpha", "https://casino-alpha.example/register?click_id={click_id}&src={source}", null,
                        null, SEED_001_SECRET, reportedPayout("USD")),
                offer("Casino Beta", "https://casino-beta.example/register", null, null, null, reportedPayout("USD")),
                offer("Casino Gamma", "https://casino-gamma.example/join?cid={click_id}&pub={pub}", null, null, null,
                        reportedPayout("USD")),
                offer("Brazino", "https://brazino.example/cadastro?ref={click_id}", "brazino", null, null,
                        deal("150", "10", null, "BRL")),
                offer("Bet365", "https://bet365.example/registro?ref={click_id}", "bet365", null, null,
                        deal(null, "0", "30", "BRL")),
                offer("Casino Pro", "https://casino-pro.example/signup?click_id={click_id}", "casino_pro", null, null,
                        deal("100", "10", null, "USD")),
                offer("MoustacheLeads Surveys", "https://surveys.example/offer?click_id={click_id}&sub1={sub1}", null,
                        PARTNER_KEY, null, reportedPayout("USD")),
                offer(SIGNED_OFFER, "https://sigma-casino.example/signup?click_id={click_id}", SIGNED_PLATFORM, null,
                        null, deal("100", "10", null, "USD")));
    }

    static List<Map<String, Object>> publishers(String demoPublisherUrl) {
        String getTemplate = demoPublisherUrl + "?click_id={click_id}&payout={payout}&currency={currency}"
                + "&status={status}&event={event}&offer_id={offer_id}&transaction_id={transaction_id}";
        return List.of(
                publisher("João Afiliado", "joao123", getTemplate, "GET", revShare("80"), false),
                publisher("Maria Afiliada", "maria456", demoPublisherUrl, "POST", fixed("50", "BRL"), false),
                publisher("Teste", "teste123", getTemplate, "GET", revShare("80"), false),
                publisher("Offerwall Demo", "offerwall", getTemplate, "GET", revShare("80"), true));
    }

    private static Map<String, Object> offer(String name, String url, String houseSlug, String partnerKey,
            String secret, Map<String, Object> deal) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("name", name);
        offer.put("casino_url", url);
        offer.put("weight", 1.0);
        offer.put("active", true);
        offer.put("house_slug", houseSlug);
        offer.put("partner_key", partnerKey);
        offer.put("postback_secret", secret);
        offer.put("deal", deal);
        return offer;
    }

    private static Map<String, Object> reportedPayout(String currency) {
        return deal(null, null, null, currency);
    }

    private static Map<String, Object> deal(String cpa, String minDeposit, String revShare, String currency) {
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("cpa_amount", cpa);
        deal.put("min_deposit", minDeposit);
        deal.put("revshare_percent", revShare);
        deal.put("currency", currency);
        deal.put("negative_carry_over", false);
        return deal;
    }

    private static Map<String, Object> publisher(String name, String username, String url, String method,
            Map<String, Object> terms, boolean offerwall) {
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("name", name);
        publisher.put("username", username);
        publisher.put("postback_url", url);
        publisher.put("method", method);
        publisher.put("payout_terms", terms);
        publisher.put("offer_terms", Map.of());
        publisher.put("rate_limit_per_second", 50);
        publisher.put("offerwall", offerwall);
        publisher.put("active", true);
        return publisher;
    }

    private static Map<String, Object> revShare(String percent) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("revshare_percent", percent);
        terms.put("fixed_amount", null);
        terms.put("currency", null);
        return terms;
    }

    private static Map<String, Object> fixed(String amount, String currency) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("revshare_percent", null);
        terms.put("fixed_amount", amount);
        terms.put("currency", currency);
        return terms;
    }

    private static Set<String> names(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.path(field).asString()).collect(Collectors.toSet());
    }
}
