package io.croupier.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AuditRecorded;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class AuditTrailTest {

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aChangeIsRecordedWithItsFieldsBeforeAndAfterAndSecretsRedactedButNamedAsChanged() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> before = offer("Casino", "old-secret", 1.0);
        Map<String, Object> after = offer("Casino", "new-secret", 2.5);

        transactions.executeWithoutResult(status -> audit.record("update", "offer", id, before, after));

        AuditRecorded record = firstAuditOf(id);
        assertThat(record.getService()).isEqualTo("event-runtime-test");
        assertThat(record.getAction()).isEqualTo("update");
        assertThat(record.getObjectType()).isEqualTo("offer");
        assertThat(record.getActor().getSubject()).isEqualTo("system");
        assertThat(record.getChangedFields()).containsExactly("postback_secret", "weight");
        assertThat(record.getBefore()).contains("\"weight\":1.0").contains("\"postback_secret\":\"***\"")
            .doesNotContain("old-secret");
        assertThat(record.getAfter()).contains("\"weight\":2.5").doesNotContain("new-secret")
            .contains("\"nested\":{\"signing_secret\":\"***\",\"name\":\"kept\"}");
    }

    @Test
    void aChangeThatRollsBackLeavesNoRecord() {
        String id = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            audit.record("rolled-back", "offer", id, null, offer("Gone", "s", 1.0));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> audit.record("create", "offer", id, null, offer("Kept", "s", 1.0)));

        // Same object, same key, same partition: had the first been sent, it would come first.
        AuditRecorded first = firstAuditOf(id);
        assertThat(first.getAction()).isEqualTo("create");
        assertThat(first.getBefore()).isNull();
    }

    @Test
    void aRecordIsOnlyEverWrittenInsideTheTransactionOfItsChange() {
        assertThatThrownBy(() -> audit.record("create", "offer", "1", null, Map.of("name", "x")))
            .isInstanceOf(IllegalTransactionStateException.class);
    }

    static AuditRecorded firstAuditOf(String objectId) {
        return TopicRecords.of(Topics.AUDIT)
            .awaitValues(record -> objectId.equals(record.getObjectId()), 1).get(0);
    }

    private static Map<String, Object> offer(String name, String secret, double weight) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("name", name);
        offer.put("postback_secret", secret);
        offer.put("weight", weight);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("signing_secret", "nested-secret");
        nested.put("name", "kept");
        offer.put("nested", nested);
        return offer;
    }
}
