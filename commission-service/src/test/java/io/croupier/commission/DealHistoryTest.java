package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Instant;

import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /deals/{offerId}/versions}: every version of an offer's deal, oldest first, as each was in force. */
@CommissionServiceTest
class DealHistoryTest {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void everyVersionOfAnOffersDealIsListedWithItsTermsAndWhenItTookEffect() {
        String offer = uniqueId("offer");
        driver.offer(offer, deal(1, Instant.parse("2026-01-01T00:00:00Z"), "BRL").setCpaAmount("150.00")
            .build());
        driver.offer(offer, deal(2, Instant.parse("2026-02-01T00:00:00Z"), "BRL").setRevSharePercent("30")
            .build());

        JsonNode versions = new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST))
            .get("/deals/" + offer + "/versions")
            .json();

        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.at("/0/version").asInt()).isEqualTo(1);
        assertThat(versions.at("/0/effective_from").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(new BigDecimal(versions.at("/0/cpa_amount/amount").asString())).isEqualByComparingTo("150.00");
        assertThat(versions.at("/1/version").asInt()).isEqualTo(2);
        assertThat(versions.at("/1/rev_share_percent").decimalValue()).isEqualByComparingTo("30");
        assertThat(versions.at("/1/cpa_amount").isNull()).isTrue();
    }
}
