package io.croupier.secrets.atrest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imported by the services that store secrets: the cipher from {@code croupier.secrets.encryption.keyset}, the
 * re-encryption of every {@link EncryptedColumn} bean, and its admin endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionAtRestSettings.class)
public class EncryptionAtRestConfiguration {

    @Bean
    SecretCipher secretCipher(EncryptionAtRestSettings settings) {
        return SecretCipher.of(settings.keyset());
    }

    @Bean
    Reencryption reencryption(JdbcClient jdbc, PlatformTransactionManager transactionManager, SecretCipher cipher,
            ObjectProvider<EncryptedColumn> columns, EncryptionAtRestSettings settings) {
        return new Reencryption(jdbc, new TransactionTemplate(transactionManager), cipher,
                columns.orderedStream().toList(), settings);
    }

    @Bean
    EncryptionAtRestController encryptionAtRestController(Reencryption reencryption) {
        return new EncryptionAtRestController(reencryption);
    }
}
