package io.croupier.runtime.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What an operator watches on each topic a service consumes. {@code croupier.consumer.lag}: records this instance's
 * consumers have not read yet, as their Kafka clients last measured it on the partitions they own; summed over
 * instances it is the service's backlog. {@code croupier.dead.letters}: records given up on and sent to the topic's
 * dead-letter topic. Both are registered for every consumed topic once the listener containers exist, so a topic
 * without dead letters shows 0 rather than nothing.
 */
public class ConsumerMeters implements ApplicationListener<ContextRefreshedEvent> {

    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

    private static final String RECORDS_LAG = "records-lag";

    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

    private final MeterRegistry meters;

    public ConsumerMeters(ObjectProvider<KafkaListenerEndpointRegistry> listeners, MeterRegistry meters) {
        this.listeners = listeners;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        for (String topic : consumedTopics()) {
            Gauge.builder("croupier.consumer.lag", () -> lag(topic))
                .description("Records on the topic not yet read by this instance's consumers")
                .tag("topic", topic)
                .register(meters);
            deadLetters(topic);
        }
    }

    /** Counts a record of {@code topic} that went to its dead-letter topic. */
    public void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Counter deadLetters(String topic) {
        return Counter.builder("croupier.dead.letters")
            .description("Records given up on after the retries and sent to the dead-letter topic")
            .tag("topic", topic)
            .register(meters);
    }

    private Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        listeners.ifAvailable(registry -> registry.getListenerContainers().forEach(container -> {
            String[] named = container.getContainerProperties().getTopics();
            if (named != null) {
                topics.addAll(Arrays.asList(named));
            }
        }));
        return topics;
    }

    private double lag(String topic) {
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        double lag = 0;
        if (registry == null) {
            return lag;
        }
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            for (Map<MetricName, ? extends Metric> client : container.metrics().values()) {
                for (Map.Entry<MetricName, ? extends Metric> metric : client.entrySet()) {
                    if (isPartitionLag(metric.getKey(), topic)
                            && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                        lag += value;
                    }
                }
            }
        }
        return lag;
    }

    private static boolean isPartitionLag(MetricName name, String topic) {
        return RECORDS_LAG.equals(name.name()) && FETCH_METRICS.equals(name.group())
                && topic.equals(name.tags().get("topic")) && name.tags().containsKey("partition");
    }
}
