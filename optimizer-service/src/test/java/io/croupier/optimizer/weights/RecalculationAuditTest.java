package io.croupier.optimizer.weights;

import io.croupier.embedded.TopicRecords;
import io.croupier.events.AuditRecorded;
import io.croupier.optimizer.OptimizerIntegrationTest;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A recalculation an operator asks for is an operator change: it is in the audit trail with the set it made. */
class RecalculationAuditTest extends OptimizerIntegrationTest {

    @Test
    void aRecalculationOnDemandIsAuditedWithTheManagerAndTheNewSet() {
        offer("Casino Audited", true);

        WeightSet set = updateWeights();

        AuditRecorded audit = TopicRecords.of(Topics.AUDIT)
            .awaitValues(record -> record.getObjectType().equals("weight-set")
                    && record.getObjectId().equals(Long.toString(set.weightSetId())), 1).get(0);
        assertThat(audit.getService()).isEqualTo("optimizer-service");
        assertThat(audit.getAction()).isEqualTo("recalculate");
        assertThat(audit.getObjectType()).isEqualTo("weight-set");
        assertThat(audit.getActor().getSubject()).isEqualTo("test-manager");
        assertThat(audit.getAfter()).contains("\"weight_set_id\":" + set.weightSetId()).contains("Casino Audited");
    }
}
