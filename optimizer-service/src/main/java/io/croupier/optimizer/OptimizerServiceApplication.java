package io.croupier.optimizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Learns from per-offer performance which offer should get the next click, and publishes the routing weights. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@PropertySource("classpath:optimizer-service.properties")
public class OptimizerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OptimizerServiceApplication.class, args);
    }
}
