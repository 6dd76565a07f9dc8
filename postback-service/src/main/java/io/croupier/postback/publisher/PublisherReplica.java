package io.croupier.postback.publisher;

import io.croupier.events.Publisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The publishers replicated from the publishers topic; seed 003 names them by username as its {@code subid}. */
@Repository
public class PublisherReplica {

    private final JdbcClient jdbc;

    PublisherReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean activeWithUsername(String username) {
        return jdbc.sql("select exists (select 1 from publishers where username = :username and active)")
            .param("username", username)
            .query(Boolean.class)
            .single();
    }

    void save(Publisher publisher) {
        jdbc.sql("""
                insert into publishers (publisher_id, username, active) values (:id, :username, :active)
                on conflict (publisher_id) do update set username = excluded.username, active = excluded.active""")
            .param("id", publisher.getPublisherId())
            .param("username", publisher.getUsername())
            .param("active", publisher.getActive())
            .update();
    }

    void delete(String publisherId) {
        jdbc.sql("delete from publishers where publisher_id = :id").param("id", publisherId).update();
    }
}
