package io.croupier.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.problems.InvalidField;
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

    /** Newest first; letters of one millisecond by where they are, which no two share. */
    private static final Comparator<Position> NEWEST_FIRST = Comparator.comparing(Position::at)
        .thenComparing(Position::topic)
        .thenComparingInt(Position::partition)
        .thenComparingLong(Position::offset)
        .reversed();

    private static final Comparator<DeadLetter> LETTERS_NEWEST_FIRST = Comparator.comparing(Position::of,
            NEWEST_FIRST);

    private final Map<String, Object> consumerConfig;

    private final String consumerGroup;

    private final KafkaTemplate<String, byte[]> rawKafkaTemplate;

    public DeadLetters(Map<String, Object> consumerConfig, String consumerGroup,
            KafkaTemplate<String, byte[]> rawKafkaTemplate) {
        this.consumerConfig = consumerConfig;
        this.consumerGroup = consumerGroup;
        this.rawKafkaTemplate = rawKafkaTemplate;
    }

    /**
     * The dead letters of this service's consumer groups that come after {@code after} (all of them when it is null),
     * newest first, at most {@code count}. The topics are read whole on every call (Kafka has no index by time); only
     * {@code count} of them are held, so a page deep in a long list costs the same memory as the first.
     */
    public List<DeadLetter> page(Position after, int count) {
        PriorityQueue<DeadLetter> kept = new PriorityQueue<>(LETTERS_NEWEST_FIRST.reversed());
        readAll(record -> toDeadLetter(record).filter(this::ours)
            .filter(letter -> after == null || NEWEST_FIRST.compare(Position.of(letter), after) > 0)
            .ifPresent(letter -> {
                kept.add(letter);
                if (kept.size() > count) {
                    kept.poll();
                }
            }));
        List<DeadLetter> page = new ArrayList<>(kept);
        page.sort(LETTERS_NEWEST_FIRST);
        return page;
    }

    /** How many dead letters this service's consumer groups left. */
    public long count() {
        LongAdder count = new LongAdder();
        readAll(record -> toDeadLetter(record).filter(this::ours).ifPresent(letter -> count.increment()));
        return count.sum();
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

    /** Where a dead letter sits in the newest-first list: its time, then its place on the dead-letter topics. */
    public record Position(Instant at, String topic, int partition, long offset) {

        public static Position of(DeadLetter letter) {
            return new Position(letter.deadLetteredAt(), letter.deadLetterTopic(), letter.partition(),
                    letter.offset());
        }

        /** The position a {@link #cursor()} wrote. */
        public static Position of(Cursor cursor) {
            String[] place = cursor.id().split("/");
            try {
                return new Position(cursor.at(), place[0], Integer.parseInt(place[1]), Long.parseLong(place[2]));
            }
            catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new InvalidField("cursor", "is not one this API answered");
            }
        }

        public Cursor cursor() {
            return Cursor.of(at, topic + "/" + partition + "/" + offset);
        }
    }
}
