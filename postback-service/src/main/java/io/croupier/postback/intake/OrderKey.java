package io.croupier.postback.intake;

import io.croupier.events.ConversionReported;

/**
 * The order key of a reported conversion: its Kafka key on conversions-reported, and on attributed-conversions after
 * it (docs/event-flow.md). Every fact of one player, else of one sub id, else of one click, else of one conversion
 * shares it, so they stay on one partition and in the order they were accepted.
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
        if (event.getClickId() != null) {
            return event.getClickId();
        }
        if (event.getConversionId() != null) {
            return offer + ":conversion:" + event.getConversionId();
        }
        return offer;
    }

    private OrderKey() {
    }
}
