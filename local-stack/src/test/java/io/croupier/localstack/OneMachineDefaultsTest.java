package io.croupier.localstack;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.FreePorts;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PayoutDue;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.catalina.connector.Connector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack is for one machine: nothing of it listens beyond loopback unless the front door is opened on purpose,
 * and the forwarder's allow-list for local addresses admits the demo publisher alone, not the platform's own ports.
 */
@ExtendWith(TestPlatform.Shared.class)
class OneMachineDefaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminApi admin;

    @BeforeEach
    void administrator(TestPlatform platform) {
        admin = platform.admin;
    }

    @Test
    void theFrontDoorListensOnLoopbackUnlessToldOtherwiseOnEveryPort(TestPlatform platform) {
        StackOptions options = StackOptions.parse(new String[0]);

        try (FrontDoor local = FrontDoor.start(platform.services, platform.console, options.frontDoorAddress(),
                List.of(0, FreePorts.next()))) {
            assertThat(listeningAddresses(local.context())).hasSize(2)
                .allSatisfy(address -> assertThat(address.isLoopbackAddress()).as(address.toString()).isTrue());
        }
    }

    @Test
    void theFrontDoorAddressOptionOpensItToOtherMachinesOnEveryPort(TestPlatform platform) {
        StackOptions options = StackOptions.parse(new String[] { "--front-door-address=0.0.0.0" });

        try (FrontDoor open = FrontDoor.start(platform.services, platform.console, options.frontDoorAddress(),
                List.of(0, FreePorts.next()))) {
            assertThat(listeningAddresses(open.context())).hasSize(2)
                .allSatisfy(address -> assertThat(address.isAnyLocalAddress()).as(address.toString()).isTrue());
            assertThat(open.url()).as("this machine still reaches it on loopback").startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void everyServiceListensOnLoopbackOnly(TestPlatform platform) {
        for (PlatformService service : PlatformService.values()) {
            assertThat(listeningAddresses(platform.services.context(service))).as(service.serviceName())
                .isNotEmpty()
                .allSatisfy(address -> assertThat(address.isLoopbackAddress()).as(address.toString()).isTrue());
        }
    }

    @Test
    void theForwarderReachesTheDemoPublisherButNoOtherLocalPort(TestPlatform platform) {
        String forwarder = platform.url(PlatformService.FORWARDER);
        int clickServicePort = platform.services.port(PlatformService.CLICK);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long demo = publisher(forwarder, "ssrf-demo-" + run, platform.demoPublisher.postbackUrl() + "?run=" + run);
        long intruder = publisher(forwarder, "ssrf-intruder-" + run,
                "http://127.0.0.1:" + clickServicePort + "/admin/offers");

        try (KafkaProducer<String, SpecificRecord> payouts = new KafkaProducer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new AvroSingleObjectSerializer())) {
            payouts.send(new ProducerRecord<>(Topics.PAYOUTS.name(), Long.toString(demo), payout(demo, run)));
            payouts.send(new ProducerRecord<>(Topics.PAYOUTS.name(), Long.toString(intruder), payout(intruder, run)));
        }

        JsonNode refused = await().atMost(Duration.ofSeconds(30))
            .until(() -> firstAttempt(forwarder, intruder), attempt -> attempt != null);
        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED_ADDRESS");
        assertThat(refused.path("error").asString())
            .contains("127.0.0.1 is loopback (port " + clickServicePort + ")");
        JsonNode delivered = await().atMost(Duration.ofSeconds(30))
            .until(() -> firstAttempt(forwarder, demo), attempt -> attempt != null);
        assertThat(delivered.path("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(platform.demoPublisher.received()).anySatisfy(
                received -> assertThat(received.uri()).contains("run=" + run));
    }

    private long publisher(String forwarder, String username, String postbackUrl) {
        return admin.create(forwarder + "/admin/publishers", Map.of(
                "name", username,
                "username", username,
                "postback_url", postbackUrl,
                "method", "POST",
                "payout_terms", Map.of("revshare_percent", 80),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true)).path("id").asLong();
    }

    private static PayoutDue payout(long publisherId, String run) {
        return PayoutDue.newBuilder()
            .setEventId("payout:ssrf-" + run + "-" + publisherId)
            .setPublisherId(Long.toString(publisherId))
            .setOfferId("1")
            .setEvent(ConversionKind.FTD)
            .setStatus(ConversionStatus.APPROVED)
            .setPayout(new Money(new BigDecimal("8.00").toPlainString(), "USD"))
            .setOccurredAt(Instant.now())
            .build();
    }

    private JsonNode firstAttempt(String forwarder, long publisherId) {
        List<JsonNode> deliveries = admin.list(forwarder + "/admin/publishers/" + publisherId + "/deliveries");
        return deliveries.stream()
            .map(delivery -> delivery.path("attempt_log").path(0))
            .filter(attempt -> !attempt.isMissingNode())
            .findFirst()
            .orElse(null);
    }

    /** The address each connector of the application's web server is bound to; the wildcard when it names none. */
    private static List<InetAddress> listeningAddresses(ApplicationContext context) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        return Arrays.stream(server.getTomcat().getService().findConnectors())
            .map(OneMachineDefaultsTest::address)
            .toList();
    }

    private static InetAddress address(Connector connector) {
        Object address = connector.getProperty("address");
        try {
            return address instanceof InetAddress bound ? bound : InetAddress.getByName("0.0.0.0");
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
