package io.croupier.click;

import io.croupier.secrets.digest.SecretDigestConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(SecretDigestConfiguration.class)
@PropertySource("classpath:click-service.properties")
public class ClickServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClickServiceApplication.class, args);
    }
}
