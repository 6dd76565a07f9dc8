package io.croupier.postback;

import io.croupier.secrets.digest.SecretDigestConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Receives every inbound postback format, logs it, deduplicates it and turns it into a conversion-reported event. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(SecretDigestConfiguration.class)
@PropertySource("classpath:postback-service.properties")
public class PostbackServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PostbackServiceApplication.class, args);
    }
}
