package io.croupier.embedded;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InProcessKafkaTest {

    @TempDir
    Path data;

    @Test
    void topicsAndRecordsSurviveABrokerRestartOnTheSameDataDirectory() throws Exception {
        int port = FreePorts.next();
        try (InProcessKafka kafka = InProcessKafka.start(port, data)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "v")).get();
            }
        }

        try (InProcessKafka kafka = InProcessKafka.start(port, data);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("kept"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records.iterator().next().value()).isEqualTo("v");
        }
    }

    @Test
    void postgresKeepsItsDataAcrossRestarts() throws Exception {
        int port = FreePorts.next();
        try (InProcessPostgres postgres = InProcessPostgres.start(port, data.resolve("pg"), true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                        postgres.password())) {
            connection.createStatement().execute("create table kept(v text); insert into kept values ('v')");
        }
        try (InProcessPostgres postgres = InProcessPostgres.start(port, data.resolve("pg"), true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                        postgres.password());
                ResultSet rows = connection.createStatement().executeQuery("select v from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("v");
        }
    }

    @Test
    void postgresRefusesAPortSomethingElseListensOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> InProcessPostgres.start(taken.getLocalPort(), data.resolve("refused"), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
        }
    }
}
