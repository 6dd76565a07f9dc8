package io.croupier.secrets.digest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imported by the services that write or compare look-up digests of offer secrets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretDigestSettings.class)
public class SecretDigestConfiguration {

    @Bean
    SecretDigest secretDigest(SecretDigestSettings settings) {
        return SecretDigest.of(settings);
    }
}
