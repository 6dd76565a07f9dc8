package io.croupier.attribution.conversion;

import java.util.ArrayList;
import java.util.List;

import io.croupier.events.ConversionReported;

/**
 * What a conversion must stay in order with: facts of its click, of its player, of its sub id, and the other reports
 * of the same conversion (its identity), each as it was reported. Two conversions sharing any of these are attributed
 * in the order postback-service accepted them.
 *
 * @param player the player's key, or {@code null} when the conversion names no player
 */
record OrderKeys(List<String> all, String player) {

    static OrderKeys of(ConversionReported conversion) {
        String offer = conversion.getOfferId() == null ? "" : conversion.getOfferId();
        List<String> keys = new ArrayList<>(4);
        String player = conversion.getPlayerId() == null ? null : player(offer, conversion.getPlayerId());
        if (conversion.getClickId() != null) {
            keys.add("click:" + conversion.getClickId());
        }
        if (player != null) {
            keys.add(player);
        }
        if (conversion.getSubId() != null) {
            keys.add("sub:" + offer + ":" + conversion.getSubId());
        }
        if (conversion.getConversionId() != null) {
            keys.add("conversion:" + offer + ":" + conversion.getConversionId());
        }
        return new OrderKeys(List.copyOf(keys), player);
    }

    /** The key of a player's facts: what a conversion waiting for that player's link is kept under. */
    static String player(String offerId, String playerId) {
        return "player:" + offerId + ":" + playerId;
    }

    String[] array() {
        return all.toArray(String[]::new);
    }
}
