package io.croupier.clickid;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClickIdTest {

    @Test
    void aMintedIdIs26UrlSafeCharactersThatParseBackToTheSameId() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 10_000; i++) {
            ClickId id = ClickId.mint(random.nextLong(1L << 48), random);

            assertThat(id.toString()).matches("[0-9A-HJKMNP-TV-Z]{26}");
            assertThat(ClickId.parse(id.toString())).hasValue(id);
        }
    }

    @Test
    void theExtremeIdsRoundTrip() {
        ClickId smallest = new ClickId(0, 0, 0);
        ClickId largest = new ClickId((1L << 48) - 1, 0xFFFF, -1L);

        assertThat(smallest).hasToString("00000000000000000000000000");
        assertThat(largest).hasToString("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(ClickId.parse(smallest.toString())).hasValue(smallest);
        assertThat(ClickId.parse(largest.toString())).hasValue(largest);
    }

    @Test
    void anIdCarriesTheMillisecondItWasMintedAt() {
        // The example of the ULID specification: 1469918176385 ms is 01ARYZ6S41.
        assertThat(ClickId.parse("01ARYZ6S41TSV4RRFFQ69G5FAV").map(ClickId::mintedAt))
            .hasValue(Instant.ofEpochMilli(1_469_918_176_385L));
        assertThat(ClickId.mint(1_469_918_176_385L).toString()).startsWith("01ARYZ6S41");
        assertThat(ClickId.mint(1_700_000_000_123L).mintedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void idsSortByTime() {
        SecureRandom random = new SecureRandom();

        String earlier = ClickId.mint(1_700_000_000_000L, random).toString();
        String later = ClickId.mint(1_700_000_000_001L, random).toString();

        assertThat(earlier).isLessThan(later);
    }

    @Test
    void idsMintedInTheSameMillisecondAreUnique() {
        long now = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(ClickId.mint(now).toString());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void anIdCroupierDidNotMintHasNoClickId() {
        assertThat(ClickId.parse(null)).isEmpty();
        assertThat(ClickId.parse("")).isEmpty();
        assertThat(ClickId.parse("CLK-789ABC")).as("seed 004's casino id").isEmpty();
        assertThat(ClickId.parse("click-42")).isEmpty();
        assertThat(ClickId.parse("01ARZ3NDEKTSV4RRFFQ69G5FAU-")).as("27 characters").isEmpty();
        assertThat(ClickId.parse("01ARZ3NDEKTSV4RRFFQ69G5FA")).as("25 characters").isEmpty();
        assertThat(ClickId.parse("81ARZ3NDEKTSV4RRFFQ69G5FAV")).as("a time beyond 48 bits").isEmpty();
        assertThat(ClickId.parse("01ARZ3NDEUTSV4RRFFQ69G5FAV")).as("U is not Crockford base32").isEmpty();
        assertThat(ClickId.parse("01aryz6s41tsv4rrffq69g5fav")).as("not the minted, upper-case form").isEmpty();
    }

    @Test
    void anIdOutsideTheFormatCannotBeMade() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClickId(-1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClickId(1L << 48, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClickId(0, 0x10000, 0));
    }
}
