package io.croupier.localstack.benchmark;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group has committed on a topic: the sum over its partitions, which only grows. */
final class CommittedOffsets implements AutoCloseable {

    private final Admin admin;

    private final String group;

    private final String topic;

    CommittedOffsets(String bootstrapServers, String group, String topic) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.group = group;
        this.topic = topic;
    }

    long now() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
            return offsets.entrySet().stream()
                .filter(offset -> offset.getKey().topic().equals(topic) && offset.getValue() != null)
                .mapToLong(offset -> offset.getValue().offset())
                .sum();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
