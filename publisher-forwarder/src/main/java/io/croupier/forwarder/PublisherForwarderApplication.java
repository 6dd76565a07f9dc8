package io.croupier.forwarder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/** Relays every payout to its publisher's postback URL: signed, retried for a day, never twice. */
@SpringBootApplication
@EnableConfigurationProperties(ForwarderSettings.class)
@PropertySource("classpath:publisher-forwarder.properties")
public class PublisherForwarderApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublisherForwarderApplication.class, args);
    }
}
