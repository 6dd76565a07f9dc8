package io.croupier.postback.intake;

import io.croupier.events.ConversionReported;

/**
 * The order key of a reported conversion: its Kafka key on conversions-reported, and on attributed-conversions after
 * it (docs/event-flow.md). Every fact of one player, else of one sub id, else every report of one conversion, else
 * every fact of one click shares it, so they stay on one partition and in the order they were accepted. The
 * conversion comes before its click: a partner may name the click in one report of a conversion and not in another.
 */
final class OrderKey {

    static String of(ConversionReported event) {
        String offer = event.getOfferId() == null ? "unknown" : event.getOfferId();
        if (event.getPlayerId() != null) {
            return offer + ":player:" + event.getPlayerId();
        }
        if (event.getSubId() != null) {
            return offer + ":sub:" + event.getSubId();
        }
        if (event.getConversionId() != null) {
            return offer + ":conversion:" + event.getConversionId();
        }
        if (event.getClickId() != null) {
            return event.getClickId();
        }
        return offer;
    }

    private OrderKey() {
    }
}
