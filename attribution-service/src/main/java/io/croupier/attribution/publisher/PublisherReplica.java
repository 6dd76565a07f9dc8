package io.croupier.attribution.publisher;

import java.util.Optional;

import io.croupier.events.Publisher;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The publishers known from the compacted publishers topic, kept in the database with the service's normal consumer
 * group so every instance sees the same directory. Only what a seed 003 sub id needs is kept.
 */
@Component
public class PublisherReplica {

    private final JdbcClient jdbc;

    PublisherReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The publisher whose username is the sub id. Usernames are unique in publisher-forwarder; should two ever
     * collide during a rename, the active one wins.
     */
    public Optional<String> idByUsername(String username) {
        return jdbc.sql("""
                select publisher_id from publishers where username = ?
                order by active desc, publisher_id limit 1""")
            .param(username)
            .query(String.class)
            .optional();
    }

    @KafkaListener(topics = Topics.Names.PUBLISHERS)
    @Transactional
    void on(@Header(KafkaHeaders.RECEIVED_KEY) String publisherId, @Payload(required = false) Publisher publisher) {
        if (publisher == null) {
            jdbc.sql("delete from publishers where publisher_id = ?").param(publisherId).update();
            return;
        }
        jdbc.sql("""
                insert into publishers (publisher_id, username, active) values (?, ?, ?)
                on conflict (publisher_id) do update set username = excluded.username, active = excluded.active""")
            .param(publisher.getPublisherId())
            .param(publisher.getUsername())
            .param(publisher.getActive())
            .update();
    }
}
