package io.croupier.click;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the click-service.
 *
 * @param routing how clicks are spread over offers
 * @param redirect what the redirect trusts and where it sends a visitor it cannot route
 * @param publishing how click events leave for Kafka
 */
@ConfigurationProperties("croupier.click")
public record ClickServiceSettings(@DefaultValue Routing routing, @DefaultValue Redirect redirect,
        @DefaultValue Publishing publishing) {

    /**
     * How much traffic is explored is the weight set's to say (its policy decides it), not a setting here.
     *
     * @param catalogueRefresh how often the active offers are re-read, to see changes made by other instances
     */
    public record Routing(@DefaultValue("2s") Duration catalogueRefresh) {
    }

    /**
     * @param trustedProxies addresses or CIDR blocks whose {@code X-Forwarded-For} is believed
     * @param fallbackUrl where a visitor goes when no offer can take the click; empty answers an error instead
     * @param maxParameterLength longest accepted query parameter value
     * @param maxParameters most query parameters accepted on one click
     */
    public record Redirect(@DefaultValue List<String> trustedProxies, String fallbackUrl,
            @DefaultValue("512") int maxParameterLength, @DefaultValue("50") int maxParameters) {
    }

    /**
     * @param maxBlock longest a redirect may wait inside the producer (metadata, full buffer) before its click is
     *        spooled to the database instead
     * @param deliveryTimeout how long the producer keeps retrying a click before spooling it
     * @param spoolCapacity clicks waiting in memory for the database when the broker refused them
     */
    public record Publishing(@DefaultValue("10ms") Duration maxBlock, @DefaultValue("30s") Duration deliveryTimeout,
            @DefaultValue("200000") int spoolCapacity) {
    }
}
