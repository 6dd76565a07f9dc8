package io.croupier.postback.house;

import java.time.Duration;

import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class CommissionWaiterTest extends PostbackServiceTest {

    @Autowired
    CommissionWaiter commissions;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAnswerExpectedInATransactionThatRollsBackIsForgottenAndOneThatCommitsWaits() {
        int before = commissions.waiting();

        transactions.executeWithoutResult(status -> {
            for (long logId = -1_000; logId < -900; logId++) {
                commissions.expect(logId);
            }
            status.setRollbackOnly();
        });
        assertThat(commissions.waiting()).as("a failed batch leaves nothing behind").isEqualTo(before);

        transactions.executeWithoutResult(status -> commissions.expect(-1));
        assertThat(commissions.waiting()).isEqualTo(before + 1);
        commissions.await(-1, Duration.ZERO);
        assertThat(commissions.waiting()).isEqualTo(before);
    }
}
