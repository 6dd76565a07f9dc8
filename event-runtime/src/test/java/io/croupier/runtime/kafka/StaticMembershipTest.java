package io.croupier.runtime.kafka;

import java.net.InetAddress;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @Test
    void aConfiguredInstanceIdNamesEachConsumerByTheTopicsItReads() {
        StaticMembership membership = StaticMembership.of(new EventRuntimeSettings.Consumers(" attribution-2 "),
                new MockEnvironment().withProperty("server.port", "8083"));

        assertThat(instanceIdOf(membership, container(null, "croupier.clicks")))
            .isEqualTo("attribution-2.croupier.clicks");
        assertThat(instanceIdOf(membership, container(null, "croupier.offers", "croupier.publishers")))
            .isEqualTo("attribution-2.croupier.offers+croupier.publishers");
    }

    @Test
    void withoutOneTheHostNameAndTheServerPortNameTheInstance() throws Exception {
        StaticMembership membership = StaticMembership.of(new EventRuntimeSettings.Consumers(null),
                new MockEnvironment().withProperty("server.port", "8084"));

        assertThat(membership.instanceId()).contains(InetAddress.getLocalHost().getHostName() + "-8084");
    }

    @Test
    void aPortChosenAtRandomIsNoStableNameSoConsumersStayDynamic() {
        StaticMembership membership = StaticMembership.of(new EventRuntimeSettings.Consumers(""),
                new MockEnvironment().withProperty("server.port", "0"));

        assertThat(membership.instanceId()).isEmpty();
        assertThat(instanceIdOf(membership, container(null, "croupier.clicks"))).isNull();
    }

    @Test
    void aConsumerWithAGroupOfItsOwnStaysDynamic() {
        StaticMembership membership = StaticMembership.of(new EventRuntimeSettings.Consumers("click-1"),
                new MockEnvironment());

        assertThat(instanceIdOf(membership, container("click-service-weights-1234", "croupier.offer-weights")))
            .isNull();
    }

    private static ConcurrentMessageListenerContainer<Object, Object> container(String groupId, String... topics) {
        ContainerProperties properties = new ContainerProperties(topics);
        properties.setGroupId(groupId);
        return new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()), properties);
    }

    private static String instanceIdOf(StaticMembership membership,
            ConcurrentMessageListenerContainer<Object, Object> container) {
        membership.configure(container);
        return container.getContainerProperties().getKafkaConsumerProperties()
            .getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
