package io.croupier.postback.inbound;

import io.croupier.secrets.atrest.EncryptedColumn;
import io.croupier.secrets.atrest.EncryptionAtRestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The inbound signing secrets are encrypted at rest; these columns are re-encrypted after a key rotation. */
@Configuration(proxyBeanMethods = false)
@Import(EncryptionAtRestConfiguration.class)
class InboundSecretsConfiguration {

    @Bean
    EncryptedColumn inboundSigningSecrets() {
        return InboundPolicies.SIGNING_SECRET;
    }

    @Bean
    EncryptedColumn previousInboundSigningSecrets() {
        return InboundPolicies.PREVIOUS_SIGNING_SECRET;
    }
}
