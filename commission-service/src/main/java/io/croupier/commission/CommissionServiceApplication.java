package io.croupier.commission;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/** Decides what the casino owes Croupier and what Croupier owes the publisher, in an append-only ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:commission-service.properties")
public class CommissionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommissionServiceApplication.class, args);
    }
}
