package io.croupier.attribution.click;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a conversion parked for a missing click and the batch storing that click meet, so neither misses the other's
 * uncommitted rows: the conversion is parked only while its transaction holds this lock shared, and the stored
 * clicks' waiting conversions are looked up only while holding it exclusively. Whichever comes second then sees the
 * first committed: the look-up finds the parked conversion, or the conversion (deciding again under the lock) finds
 * the click.
 * <p>
 * One transaction-scoped advisory lock for the whole schema rather than one per click: taken only on that rare path
 * (a conversion whose click is not stored) and once per click batch, it costs nothing in the lock table and cannot
 * deadlock with itself. Two click batches serialise only between their look-up and their commit.
 */
@Component
public class ClickWaitLock {

    /** One per schema: instances of this service share it, other services' schemas do not. */
    private static final String LOCK = "hashtext(current_schema() || '.click-wait')";

    private final JdbcClient jdbc;

    ClickWaitLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Before parking a conversion for a missing click: waits for a click batch that is looking up parked ones. */
    public void beforeParking() {
        jdbc.sql("select pg_advisory_xact_lock_shared(" + LOCK + ")").query().singleRow();
    }

    /** Before looking up the conversions parked for just stored clicks: waits for the ones being parked. */
    public void beforeLookingUpParked() {
        jdbc.sql("select pg_advisory_xact_lock(" + LOCK + ")").query().singleRow();
    }
}
