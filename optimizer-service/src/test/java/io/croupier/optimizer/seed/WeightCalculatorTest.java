package io.croupier.optimizer.seed;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Seed 001's formulas on hand-computed data. */
class WeightCalculatorTest {

    private final WeightCalculator calculator = new WeightCalculator(new BigDecimal("0.1"));

    @Test
    void evIsConversionRateTimesAveragePayout() {
        // The seed's own example: 45 FTDs in 1500 clicks is 3 %, 4500 paid is 100 per FTD, so EV = 0.03 × 100 = 3.
        OfferWeighting alpha = only(sample(1, true, 1500, 45, "4500"));

        assertThat(alpha.conversionRate()).isEqualByComparingTo("3.0");
        assertThat(alpha.averagePayout()).isEqualByComparingTo("100");
        assertThat(alpha.ev()).isEqualByComparingTo("3.0");
        assertThat(alpha.weight()).isEqualByComparingTo("1.0");
    }

    @Test
    void weightIsEvOverMaxEv() {
        // EV 3.0 (30 × 100 / 1000), 1.2 (8 × 150 / 1000), 0.75 (3 × 250 / 1000).
        List<OfferWeighting> weighted = calculator.weigh(List.of(sample(1, true, 1000, 30, "3000"),
                sample(2, true, 1000, 8, "1200"), sample(3, true, 1000, 3, "750"))).offers();

        assertThat(weighted).extracting(OfferWeighting::ev)
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactly(new BigDecimal("3"), new BigDecimal("1.2"), new BigDecimal("0.75"));
        assertThat(weighted).extracting(OfferWeighting::weight)
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactly(new BigDecimal("1"), new BigDecimal("0.4"), new BigDecimal("0.25"));
    }

    @Test
    void weightNeverFallsBelowTheFloor() {
        // EV 3.0 and 0.15: 0.15 / 3 = 0.05 is lifted to the floor 0.1.
        List<OfferWeighting> weighted = calculator
            .weigh(List.of(sample(1, true, 1000, 30, "3000"), sample(2, true, 1000, 1, "150"))).offers();

        assertThat(weighted.get(1).ev()).isEqualByComparingTo("0.15");
        assertThat(weighted.get(1).weight()).isEqualByComparingTo("0.1");
    }

    @Test
    void anOfferWithZeroClicksGetsTheFloor() {
        List<OfferWeighting> weighted = calculator
            .weigh(List.of(sample(1, true, 1000, 30, "3000"), sample(2, true, 0, 0, "0"))).offers();

        assertThat(weighted.get(1).conversionRate()).isZero();
        assertThat(weighted.get(1).averagePayout()).isNull();
        assertThat(weighted.get(1).ev()).isZero();
        assertThat(weighted.get(1).weight()).isEqualByComparingTo("0.1");
    }

    @Test
    void anOfferWithClicksButNoFtdHasEvZeroAndGetsTheFloor() {
        List<OfferWeighting> weighted = calculator
            .weigh(List.of(sample(1, true, 1000, 30, "3000"), sample(2, true, 900, 0, "0"))).offers();

        assertThat(weighted.get(1).ev()).isZero();
        assertThat(weighted.get(1).weight()).isEqualByComparingTo("0.1");
    }

    @Test
    void anInactiveOfferGetsWeightZeroAndDoesNotSetTheScale() {
        // The inactive offer has the best EV (5.0); the active ones are still scaled against the best active (2.0).
        WeightCalculator.Weighing weighing = calculator.weigh(List.of(sample(1, false, 1000, 50, "5000"),
                sample(2, true, 1000, 20, "2000"), sample(3, true, 1000, 10, "1000")));

        assertThat(weighing.maxEv()).isEqualByComparingTo("2.0");
        assertThat(weighing.offers()).extracting(OfferWeighting::weight)
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactly(BigDecimal.ZERO, new BigDecimal("1"), new BigDecimal("0.5"));
        assertThat(weighing.offers().get(0).ev()).isEqualByComparingTo("5.0");
    }

    @Test
    void whenNoOfferHasDataEveryActiveOfferGetsTheFloor() {
        WeightCalculator.Weighing weighing = calculator
            .weigh(List.of(sample(1, true, 0, 0, "0"), sample(2, true, 0, 0, "0")));

        assertThat(weighing.maxEv()).isZero();
        assertThat(weighing.offers()).extracting(OfferWeighting::weight)
            .allSatisfy(weight -> assertThat(weight).isEqualByComparingTo("0.1"));
    }

    @Test
    void anOfferWhoseReversalsExceedItsRevenueGetsTheFloor() {
        List<OfferWeighting> weighted = calculator
            .weigh(List.of(sample(1, true, 1000, 30, "3000"), sample(2, true, 1000, 2, "-100"))).offers();

        assertThat(weighted.get(1).ev()).isEqualByComparingTo("-0.1");
        assertThat(weighted.get(1).weight()).isEqualByComparingTo("0.1");
    }

    @Test
    void evKeepsFractionsOfACent() {
        // 7 FTDs paying 1000 in total over 3000 clicks: EV 0.333333, average payout 142.857143.
        OfferWeighting offer = only(sample(1, true, 3000, 7, "1000"));

        assertThat(offer.ev()).isEqualByComparingTo("0.333333");
        assertThat(offer.averagePayout()).isEqualByComparingTo("142.857143");
        assertThat(offer.conversionRate()).isEqualByComparingTo("0.233333");
    }

    @Test
    void aFloorOutsideZeroToOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WeightCalculator(new BigDecimal("1.5")));
        assertThatIllegalArgumentException().isThrownBy(() -> new WeightCalculator(new BigDecimal("-0.1")));
    }

    private OfferWeighting only(OfferSample sample) {
        return calculator.weigh(List.of(sample)).offers().get(0);
    }

    private static OfferSample sample(long id, boolean active, long clicks, long ftds, String payout) {
        return new OfferSample(id, "Offer " + id, active, clicks, ftds, new BigDecimal(payout));
    }
}
