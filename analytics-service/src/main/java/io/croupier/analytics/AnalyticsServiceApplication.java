package io.croupier.analytics;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Seed 002's analytics: player events, bulk imports of purchases, gateway confirmations, ad spend and sessions,
 * Croupier's own deposits, and the daily pipeline that reconciles purchases and reports ROAS, anomalies and ARPDAU.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@PropertySource("classpath:analytics-service.properties")
public class AnalyticsServiceApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsServiceApplication.class, args);
    }
}
