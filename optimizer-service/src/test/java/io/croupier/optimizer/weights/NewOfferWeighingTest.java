package io.croupier.optimizer.weights;

import java.time.Duration;
import java.time.Instant;

import io.croupier.optimizer.SeedPolicyIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Offers with no data get the floor, at once: a new active offer never waits a whole cycle for weighted traffic. */
class NewOfferWeighingTest extends SeedPolicyIntegrationTest {

    @Test
    void aNewActiveOfferIsWeighedAtOnceWithTheFloor() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 30);
        revenue(alpha, 0, "3000", "USD");
        updateWeights();

        long fresh = offer("Casino Fresh", true);

        long setId = awaitNewOfferSetFor(fresh);
        WeightSet set = http.get().uri("/admin/weight-sets/{id}", setId).retrieve().body(WeightSet.class);
        assertThat(set.trigger()).isEqualTo(WeightSet.Trigger.NEW_OFFER);
        assertThat(entry(set, fresh).weight()).isEqualByComparingTo("0.1");
        assertThat(entry(set, alpha).weight()).isEqualByComparingTo("1.0");
        assertThat(published(setId).getWeights())
            .anySatisfy(weight -> {
                assertThat(weight.getOfferId()).isEqualTo(Long.toString(fresh));
                assertThat(weight.getWeight()).isCloseTo(0.1, within(1e-9));
            });
    }

    @Test
    void anOfferTheNewestSetAlreadyRoutesToTriggersNoNewSet() {
        long alpha = offer("Casino Alpha", true);
        awaitNewOfferSetFor(alpha);

        offer(alpha, "Casino Alpha Renamed", true, Instant.now().plusSeconds(5));
        // The offers topic has one partition: once the marker is stored, the rename's follow-up work is done too.
        offer("Marker", false);

        assertThat(newOfferSetsFor(alpha)).isEqualTo(1);
    }

    @Test
    void aReactivatedOfferIsWeighedAtOnce() {
        long alpha = offer("Casino Alpha", true);
        long beta = offer("Casino Beta", false);
        awaitNewOfferSetFor(alpha);

        offer(beta, "Casino Beta", true, Instant.now().plusSeconds(5));

        awaitNewOfferSetFor(beta);
    }

    private long awaitNewOfferSetFor(long offerId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> newOfferSetsFor(offerId) > 0);
        return jdbc.sql("""
                select max(s.weight_set_id) from weight_sets s
                join weight_set_entries e on e.weight_set_id = s.weight_set_id
                where s.trigger = 'NEW_OFFER' and e.offer_id = :id and e.active""")
            .param("id", offerId)
            .query(Long.class)
            .single();
    }

    private long newOfferSetsFor(long offerId) {
        return jdbc.sql("""
                select count(*) from weight_sets s
                join weight_set_entries e on e.weight_set_id = s.weight_set_id
                where s.trigger = 'NEW_OFFER' and e.offer_id = :id and e.active""")
            .param("id", offerId)
            .query(Long.class)
            .single();
    }
}
