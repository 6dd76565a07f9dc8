package io.croupier.forwarder.publisher;

import io.croupier.secrets.atrest.EncryptedColumn;
import io.croupier.secrets.atrest.EncryptionAtRestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Publisher signing secrets are encrypted at rest; their column is re-encrypted after a key rotation. */
@Configuration(proxyBeanMethods = false)
@Import(EncryptionAtRestConfiguration.class)
class PublisherSecretsConfiguration {

    @Bean
    EncryptedColumn publisherSigningSecrets() {
        return PublisherRepository.SIGNING_SECRET;
    }
}
