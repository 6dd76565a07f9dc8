package io.croupier.runtime.deadletter;

import java.util.function.Consumer;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.croupier.schemas.Topic;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The records this service's consumers gave up on, read back from the dead-letter topics, and their replay: the
 * original bytes go back to the original topic under the original key. Replaying is safe because every consumer is
 * idempotent on the event id.
 */
public class DeadLetters {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;

    private final String consumerGroup;

    private final KafkaTemplate<String, byte[]> rawKafkaTemplate;

    public DeadLetters(Map<String, Object> consumerConfig, String consumerGroup,
            KafkaTemplate<String, byte[]> rawKafkaTemplate) {
        this.consumerConfig = consumerConfig;
        this.consumerGroup = consumerGroup;
        this.rawKafkaTemplate = rawKafkaTemplate;
    }

    /** The dead letters of this service's consumer groups, newest first, at most {@code limit}. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> found = new ArrayList<>();
        readAll(record -> toDeadLetter(record).filter(this::ours).ifPresent(found::add));
        found.sort(Comparator.comparing(DeadLetter::deadLetteredAt).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    /** Sends one dead letter back to its original topic; empty when there is no such record of this service. */
    public Optional<DeadLetter> replay(String deadLetterTopic, int partition, long offset) {
        List<ConsumerRecord<String, byte[]>> match = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition topicPartition = new TopicPartition(deadLetterTopic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, offset);
            for (ConsumerRecord<String, byte[]> record : consumer.poll(READ_TIMEOUT)) {
                if (record.offset() == offset) {
                    match.add(record);
                }
            }
        }
        Optional<DeadLetter> deadLetter = match.stream().findFirst().flatMap(DeadLetters::toDeadLetter)
            .filter(this::ours);
        deadLetter.ifPresent(letter -> resend(letter, match.get(0)));
        return deadLetter;
    }

    private void resend(DeadLetter letter, ConsumerRecord<String, byte[]> record) {
        try {
            rawKafkaTemplate.send(new ProducerRecord<>(letter.originalTopic(), record.key(), record.value()))
                .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay " + letter.deadLetterTopic() + "@" + letter.offset(), e);
        }
    }

    private boolean ours(DeadLetter letter) {
        return consumerGroup.equals(letter.consumerGroup());
    }

    private void readAll(Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<String, ?> topic : Topics.ALL) {
                consumer.partitionsFor(topic.deadLetterTopic(), READ_TIMEOUT)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(action);
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Optional<DeadLetter> toDeadLetter(ConsumerRecord<String, byte[]> record) {
        String originalTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (originalTopic == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                originalTopic, header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                header(record, KafkaHeaders.DLT_EXCEPTION_FQCN), header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                Instant.ofEpochMilli(record.timestamp())));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * One record a consumer gave up on, and why; snake_case like every operator API's, in every service whatever its
     * own JSON naming, so that one console page reads them all.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLetter(String deadLetterTopic, int partition, long offset, String key, String originalTopic,
            String consumerGroup, String exception, String exceptionMessage, Instant deadLetteredAt) {
    }
}
