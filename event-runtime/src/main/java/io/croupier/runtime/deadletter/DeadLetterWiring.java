package io.croupier.runtime.deadletter;

import io.croupier.runtime.kafka.KafkaWiring;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

@AutoConfiguration(after = KafkaWiring.class)
@Import(DeadLetterController.class)
public class DeadLetterWiring {

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, Environment environment,
            KafkaTemplate<String, byte[]> rawKafkaTemplate) {
        return new DeadLetters(kafka.buildConsumerProperties(),
                environment.getRequiredProperty("spring.kafka.consumer.group-id"), rawKafkaTemplate);
    }
}
