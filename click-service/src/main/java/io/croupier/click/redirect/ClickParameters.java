package io.croupier.click.redirect;

import java.util.HashMap;
import java.util.Map;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.offer.UrlTemplate.Macro;
import io.croupier.events.Tracking;

/**
 * The query parameters of one click, checked: the named ones of seed 001 and the issue, and every other parameter
 * kept as received (first value of each).
 */
record ClickParameters(String source, String campaign, String offer, String pub, String[] subs,
        Map<String, String> others) {

    private static final int SUBS = 5;

    private static final int MAX_NAME_LENGTH = 100;

    static ClickParameters of(Map<String, String[]> query, ClickServiceSettings.Redirect limits) {
        if (query.size() > limits.maxParameters()) {
            throw ClickRejected.malformed("at most " + limits.maxParameters() + " query parameters are accepted");
        }
        String source = null;
        String campaign = null;
        String offer = null;
        String pub = null;
        String[] subs = new String[SUBS];
        Map<String, String> others = Map.of();
        for (Map.Entry<String, String[]> parameter : query.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue().length == 0 ? "" : parameter.getValue()[0];
            if (name.length() > MAX_NAME_LENGTH || value.length() > limits.maxParameterLength()) {
                throw ClickRejected.malformed("parameter '" + abbreviated(name) + "' is longer than "
                        + limits.maxParameterLength() + " characters");
            }
            switch (name) {
                case "source" -> source = value;
                case "campaign" -> campaign = value;
                case "offer" -> offer = offerId(value);
                case "pub" -> pub = value.isEmpty() ? null : value;
                case "sub1" -> subs[0] = value;
                case "sub2" -> subs[1] = value;
                case "sub3" -> subs[2] = value;
                case "sub4" -> subs[3] = value;
                case "sub5" -> subs[4] = value;
                default -> {
                    if (others.isEmpty()) {
                        others = new HashMap<>();
                    }
                    others.put(name, value);
                }
            }
        }
        return new ClickParameters(source, campaign, offer, pub, subs, others);
    }

    Tracking tracking() {
        return new Tracking(source, campaign, subs[0], subs[1], subs[2], subs[3], subs[4]);
    }

    String macro(Macro macro, String clickId) {
        return switch (macro) {
            case CLICK_ID -> clickId;
            case SOURCE -> source;
            case CAMPAIGN -> campaign;
            case PUB -> pub;
            case SUB1 -> subs[0];
            case SUB2 -> subs[1];
            case SUB3 -> subs[2];
            case SUB4 -> subs[3];
            case SUB5 -> subs[4];
        };
    }

    private static String offerId(String value) {
        if (value.isEmpty() || value.length() > 18) {
            throw ClickRejected.malformed("offer must be an offer id (a positive number)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw ClickRejected.malformed("offer must be an offer id (a positive number)");
            }
        }
        // The id as the topics and the routing table write it: "007" names offer 7.
        return Long.toString(Long.parseLong(value));
    }

    private static String abbreviated(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
