package io.croupier.forwarder.delivery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.croupier.events.Tracking;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.publisher.PostbackMethod;
import io.croupier.forwarder.publisher.PublisherEndpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns a delivery into the request its publisher asked for: the rendered URL, and for POST a JSON body. */
@Component
class PostbackMessage {

    private final JsonMapper json;

    PostbackMessage(JsonMapper json) {
        this.json = json;
    }

    PostbackRequest request(Delivery delivery, PublisherEndpoint endpoint) {
        Map<String, String> macros = macros(delivery);
        String body = null;
        if (endpoint.method() == PostbackMethod.POST) {
            Map<String, Object> fields = new LinkedHashMap<>(macros);
            // A JSON number keeps the exact decimal; seed 004 sends payout as a number too.
            fields.put("payout", delivery.payoutAmount());
            fields.put("occurred_at", delivery.occurredAt().toString());
            body = json.writeValueAsString(fields);
        }
        return new PostbackRequest(delivery.id(), endpoint.template().render(macros), body,
                endpoint.signingSecret().key());
    }

    static Map<String, String> macros(Delivery delivery) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("delivery_id", delivery.id());
        values.put("event", delivery.event().toLowerCase(Locale.ROOT));
        values.put("status", delivery.status().toLowerCase(Locale.ROOT));
        values.put("payout", delivery.payoutAmount().toPlainString());
        values.put("currency", delivery.payoutCurrency());
        values.put("click_id", delivery.clickId());
        values.put("offer_id", delivery.offerId());
        values.put("external_offer_id", delivery.externalOfferId());
        values.put("transaction_id", delivery.transactionId());
        Tracking tracking = delivery.tracking();
        values.put("source", tracking.getSource());
        values.put("campaign", tracking.getCampaign());
        values.put("sub1", tracking.getSub1());
        values.put("sub2", tracking.getSub2());
        values.put("sub3", tracking.getSub3());
        values.put("sub4", tracking.getSub4());
        values.put("sub5", tracking.getSub5());
        values.put("reverses", delivery.reverses());
        return values;
    }
}
