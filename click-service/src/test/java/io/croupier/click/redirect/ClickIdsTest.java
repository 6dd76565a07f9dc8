package io.croupier.click.redirect;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClickIdsTest {

    @Test
    void aClickIdIsA26CharacterUrlSafeUlid() {
        assertThat(ClickIds.next(System.currentTimeMillis())).matches("[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void clickIdsSortByTime() {
        SecureRandom random = new SecureRandom();

        String earlier = ClickIds.of(1_700_000_000_000L, random);
        String later = ClickIds.of(1_700_000_000_001L, random);

        assertThat(earlier).isLessThan(later);
        // The ULID specification's own example: 1469918176385 ms is 01ARYZ6S41.
        assertThat(ClickIds.of(1_469_918_176_385L, random)).startsWith("01ARYZ6S41");
    }

    @Test
    void clickIdsAreUnique() {
        long now = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(ClickIds.next(now));
        }
        assertThat(ids).hasSize(100_000);
    }
}
