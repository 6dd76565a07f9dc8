package io.croupier.attribution.click;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClickIdTimeTest {

    @Test
    void aUlidCarriesTheMillisecondItWasMadeAt() {
        // The example of the ULID specification.
        assertThat(ClickIdTime.of("01ARYZ6S41TSV4RRFFQ69G5FAV")).hasValue(Instant.ofEpochMilli(1469918176385L));
    }

    @Test
    void anIdOfAnotherShapeHasNoKnownTime() {
        assertThat(ClickIdTime.of("click-42")).isEmpty();
        assertThat(ClickIdTime.of("01ARZ3NDEKTSV4RRFFQ69G5FAU-")).isEmpty();
        assertThat(ClickIdTime.of("81ARZ3NDEKTSV4RRFFQ69G5FAV")).isEmpty();
        assertThat(ClickIdTime.of("01ARZ3NDEUTSV4RRFFQ69G5FAV")).isEmpty();
    }
}
