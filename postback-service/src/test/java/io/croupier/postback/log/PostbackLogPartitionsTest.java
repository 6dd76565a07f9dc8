package io.croupier.postback.log;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.croupier.embedded.Partitions;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The postback log in monthly partitions: the current and next month made before traffic, a month past the retention
 * dropped whole, and a call of an earlier month still found by its log id alone.
 */
class PostbackLogPartitionsTest extends PostbackServiceTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void theCurrentAndTheNextMonthHaveTheirPartitionBeforeTheFirstCall() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(partitions()).contains(partition(today), partition(today.plusMonths(1)), "postback_logs_default");
    }

    @Test
    void aMonthPastTheRetentionIsDroppedWholeAndTheCurrentOneIsKept() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate expired = today.minusMonths(14).withDayOfMonth(1);
        jdbc.sql("create table %s partition of postback_logs for values from ('%s') to ('%s')".formatted(
                partition(expired), expired.atStartOfDay().toInstant(ZoneOffset.UTC),
                expired.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC))).update();
        long old = log(expired.plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC));
        long current = log(Instant.now());

        partitions.maintain(Instant.now());

        assertThat(partitions()).doesNotContain(partition(expired))
            .contains(partition(today), partition(today.plusMonths(1)));
        assertThat(get("/admin/postback-logs/" + old).status()).isEqualTo(404);
        assertThat(get("/admin/postback-logs/" + current).status()).isEqualTo(200);
    }

    @Test
    void aCallOfAnEarlierMonthIsStillFoundByItsLogIdAlone() {
        Instant monthsAgo = Instant.now().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.MILLIS);
        long id = log(monthsAgo);

        Answer answer = get("/admin/postback-logs/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Instant.parse(answer.body().path("received_at").asString())).isEqualTo(monthsAgo);
        assertThat(jdbc.sql("select tableoid::regclass::text from postback_logs where id = ?")
            .param(id)
            .query(String.class)
            .single()).isEqualTo("postback_logs_p" + MONTH.format(monthsAgo.atOffset(ZoneOffset.UTC)));
    }

    private long log(Instant receivedAt) {
        return jdbc.sql("""
                insert into postback_logs (received_at, method, path, format, outcome)
                values (?, 'GET', '/postback', 'PARTNER_POSTBACK', 'SUCCESS') returning id""")
            .param(Timestamp.from(receivedAt))
            .query(Long.class)
            .single();
    }

    private static String partition(LocalDate day) {
        return "postback_logs_p" + MONTH.format(day);
    }

    private List<String> partitions() {
        return Partitions.of(jdbc, "postback_logs");
    }
}
