package io.croupier.forwarder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Relays every payout to its publisher's postback URL: signed, retried for a day, never twice. */
@SpringBootApplication
@EnableConfigurationProperties(ForwarderSettings.class)
// The partition maintenance of the attempt log; deliveries have their own scheduler (DeliveryScheduler).
@EnableScheduling
@PropertySource("classpath:publisher-forwarder.properties")
public class PublisherForwarderApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublisherForwarderApplication.class, args);
    }
}
