package io.croupier.commission.ledger;

import java.util.List;

import io.croupier.commission.CommissionServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's ledger look-ups are served by their indexes, whatever the ledger's size: each query is planned as it
 * is sent (a generic plan, as a prepared statement gets once it is reused) with sequential scans priced out, so the
 * plan names an index only if one matches the query's expression exactly.
 */
@CommissionServiceTest
class LedgerLookupIndexTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theTraceFromAClickOrATransactionReadsItsIndex() {
        assertThat(plan(LedgerTraceController.BY_CLICK)).contains("ledger_entries_by_click");
        assertThat(plan(LedgerTraceController.BY_TRANSACTION)).contains("ledger_entries_by_transaction");
    }

    private String plan(String query) {
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            List<String> lines = jdbc.sql("explain " + query)
                .param("id", "some-id")
                .param("limit", LedgerTraceController.MAX_ENTRIES)
                .query(String.class)
                .list();
            return String.join("\n", lines);
        });
    }
}
