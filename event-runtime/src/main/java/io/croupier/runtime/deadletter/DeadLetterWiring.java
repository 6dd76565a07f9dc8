package io.croupier.runtime.deadletter;

import io.croupier.access.AccessRules;
import io.croupier.runtime.kafka.KafkaWiring;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.MANAGER;

@AutoConfiguration(after = KafkaWiring.class)
@Import(DeadLetterController.class)
public class DeadLetterWiring {

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, Environment environment,
            KafkaTemplate<String, byte[]> rawKafkaTemplate) {
        return new DeadLetters(kafka.buildConsumerProperties(),
                environment.getRequiredProperty("spring.kafka.consumer.group-id"), rawKafkaTemplate);
    }

    /** Dead letters and their replay are operations work: managers and admins. */
    @Bean
    AccessRules deadLetterAccess() {
        return endpoints -> endpoints.permit("/admin/dead-letters/**", ADMIN, MANAGER);
    }
}
