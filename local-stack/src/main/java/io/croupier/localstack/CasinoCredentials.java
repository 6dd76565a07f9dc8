package io.croupier.localstack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.secrets.webhook.WebhookSecret;
import tools.jackson.databind.JsonNode;

/**
 * What the simulated casinos hold to authenticate their calls. Secrets are shown once, so the simulation, playing the
 * casinos, rotates the ones it did not choose and takes the new ones, as an operator would hand them over: the seed 001
 * secrets of the offers without a seed-given secret, and the signing secret of the signed platform. The seed's own
 * values (Casino Alpha's secret, the partner key) stay as the seeds' example URLs use them.
 *
 * @param postbackSecrets seed 001 secret by offer name
 */
record CasinoCredentials(Map<String, String> postbackSecrets, WebhookSecret signedPlatformSecret) {

    static CasinoCredentials handedOut(AdminApi admin, String clickServiceUrl, String postbackServiceUrl,
            List<JsonNode> offers) {
        Map<String, String> secrets = new HashMap<>();
        for (String name : List.of("Casino Beta", "Casino Gamma")) {
            long id = DemoData.idOf(offers, name);
            secrets.put(name, admin.post(clickServiceUrl + "/admin/offers/" + id + "/postback-secret")
                .path("postback_secret").asString());
        }
        secrets.put("Casino Alpha", DemoData.SEED_001_SECRET);
        long signed = DemoData.idOf(offers, DemoData.SIGNED_OFFER);
        WebhookSecret signingSecret = WebhookSecret.parse(admin.post(postbackServiceUrl + "/admin/inbound-auth/"
                + signed + "/signing-secret").path("signing_secret").asString());
        return new CasinoCredentials(Map.copyOf(secrets), signingSecret);
    }

    @Override
    public String toString() {
        return "CasinoCredentials[hidden]";
    }
}
