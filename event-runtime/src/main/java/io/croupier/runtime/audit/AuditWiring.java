package io.croupier.runtime.audit;

import io.croupier.runtime.outbox.Outbox;
import io.croupier.runtime.outbox.OutboxAndInboxWiring;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(after = OutboxAndInboxWiring.class)
@EnableConfigurationProperties(AuditSettings.class)
public class AuditWiring {

    @Bean
    AuditTrail auditTrail(Outbox outbox, JsonMapper json, Environment environment, AuditSettings settings) {
        return new AuditTrail(outbox, json, environment.getRequiredProperty("spring.application.name"), settings);
    }
}
