package io.croupier.runtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.runtime.metrics.ConsumerMeters;
import io.croupier.schemas.Topic;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The Kafka side every service shares. Serializers, acks and idempotence are set as platform defaults (see
 * {@code croupier-platform-defaults.properties}), so Boot's own factories are used; this adds what properties cannot
 * say: the dead-letter error handler, the raw-bytes template for the outbox relay and for dead letters that never
 * decoded, a batch listener factory, the topics themselves, the consumers' meters, and how consumers are known to
 * their groups (static membership, leaving on close).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventRuntimeSettings.class)
public class KafkaWiring {

    /** Sends bytes that are already encoded: outbox rows and undecodable records on their way to a dead letter. */
    @Bean
    KafkaTemplate<String, byte[]> rawKafkaTemplate(KafkaProperties kafka, EventRuntimeSettings properties) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.outbox().sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.outbox().sendTimeout().toMillis());
        // The broker's answer must fit into the delivery timeout together with linger.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.outbox().sendTimeout().toMillis() / 2);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    /**
     * A record that still fails after the bounded exponential back-off goes to {@code <topic>.dlt} on the same
     * partition, with the exception in its headers, instead of being dropped.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<Object, Object> kafkaTemplate,
            KafkaTemplate<String, byte[]> rawKafkaTemplate, EventRuntimeSettings properties,
            ConsumerMeters consumerMeters) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawKafkaTemplate);
        templates.put(SpecificRecord.class, kafkaTemplate);
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX,
                        record.partition()));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            publisher.accept(record, exception);
            consumerMeters.deadLettered(record.topic());
        };
        EventRuntimeSettings.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setRetryListeners(new FailedAttemptLog());
        return handler;
    }

    @Bean
    ConsumerMeters consumerMeters(ObjectProvider<KafkaListenerEndpointRegistry> listeners, MeterRegistry meters) {
        return new ConsumerMeters(listeners, meters);
    }

    /** Boot applies it to its listener container factory; {@link #batchListenerContainerFactory} applies it too. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership(
            EventRuntimeSettings properties, Environment environment) {
        return StaticMembership.of(properties.consumers(), environment);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer leaveGroupOnClose() {
        return KafkaWiring::leaveGroupOnClose;
    }

    private static <K, V> void leaveGroupOnClose(DefaultKafkaConsumerFactory<K, V> factory) {
        factory.addPostProcessor(new LeaveGroupOnClose<>());
    }

    /** For consumers that write many records in one statement, such as click storage. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, CommonErrorHandler deadLetteringErrorHandler,
            ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(deadLetteringErrorHandler);
        factory.setContainerCustomizer(staticMembership);
        return factory;
    }

    @Bean
    KafkaAdmin.NewTopics croupierTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<String, ?> topic : Topics.ALL) {
            TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(topic.partitions());
            if (topic.compacted()) {
                builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            topics.add(builder.build());
            topics.add(TopicBuilder.name(topic.deadLetterTopic()).partitions(topic.partitions()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
