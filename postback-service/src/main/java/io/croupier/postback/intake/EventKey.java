package io.croupier.postback.intake;

import io.croupier.events.ConversionReported;

/**
 * The Kafka key of a reported conversion: all facts of one click, else of one player, else of one sub id, stay on
 * one partition and so in order (docs/event-flow.md).
 */
final class EventKey {

    static String of(ConversionReported event) {
        if (event.getClickId() != null) {
            return event.getClickId();
        }
        String offer = event.getOfferId() == null ? "unknown" : event.getOfferId();
        if (event.getPlayerId() != null) {
            return offer + ":player:" + event.getPlayerId();
        }
        if (event.getSubId() != null) {
            return offer + ":sub:" + event.getSubId();
        }
        return offer;
    }

    private EventKey() {
    }
}
