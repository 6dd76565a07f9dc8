package io.croupier.runtime.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * Gives every consumer of the service's consumer group a stable name ({@code group.instance.id}): the instance's name,
 * then the topics it reads, then (added by Spring Kafka) its index among the container's concurrent consumers, e.g.
 * {@code host-8083.croupier.clicks-0}. An instance killed without leaving its group and started again under the same
 * name gets its partitions back at once, instead of after the group has waited out the dead member's session.
 * Consumers of a group of their own (an instance that reads a whole topic) stay dynamic members.
 */
final class StaticMembership
        implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

    private final Optional<String> instanceId;

    private StaticMembership(Optional<String> instanceId) {
        this.instanceId = instanceId;
    }

    static StaticMembership of(EventRuntimeSettings.Consumers settings, Environment environment) {
        if (StringUtils.hasText(settings.instanceId())) {
            return new StaticMembership(Optional.of(settings.instanceId().strip()));
        }
        int port = environment.getProperty("server.port", Integer.class, 0);
        return new StaticMembership(port == 0 ? Optional.empty() : Optional.of(hostName() + "-" + port));
    }

    Optional<String> instanceId() {
        return instanceId;
    }

    @Override
    public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
        String[] topics = container.getContainerProperties().getTopics();
        if (instanceId.isEmpty() || container.getContainerProperties().getGroupId() != null || topics == null) {
            return;
        }
        container.getContainerProperties().getKafkaConsumerProperties().setProperty(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId.get() + "." + String.join("+", topics));
    }

    /** In a container, its host name: unique per replica and kept when the container is restarted. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            if (fromEnvironment == null) {
                throw new IllegalStateException("this host has no name; set croupier.events.consumers.instance-id", e);
            }
            return fromEnvironment;
        }
    }
}
