package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The robust rule on its own: median, MAD, the threshold and the minimum change. */
class AnomalyRuleTest {

    private final AnomalyRule rule = new AnomalyRule(new BigDecimal("3.5"), new BigDecimal("0.10"));

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(AnomalyRule.median(values("4", "1", "3", "2"))).isEqualByComparingTo("2.5");
        assertThat(AnomalyRule.median(values("5", "1", "3"))).isEqualByComparingTo("3");
    }

    @Test
    void aRoasThreePointFiveScaledMadsAwayIsFlaggedAndOneJustInsideIsNot() {
        List<BigDecimal> baseline = values("1.0", "1.1", "0.9", "1.0", "1.2", "0.8", "1.0");
        // 1.4826 × 0.1 × 3.5 = 0.51891: the edge lies between 1.5189 and 1.5190.
        assertThat(rule.judge(new BigDecimal("1.5190"), baseline)).hasValueSatisfying(verdict -> {
            assertThat(verdict.direction()).isEqualTo("SPIKE");
            assertThat(verdict.robustZ()).isEqualByComparingTo("3.5006");
        });
        assertThat(rule.judge(new BigDecimal("1.5189"), baseline)).isEmpty();
    }

    @Test
    void oneWildDayInTheBaselineMovesNeitherTheMedianNorTheMad() {
        List<BigDecimal> baseline = values("1.0", "1.1", "0.9", "1.0", "9.0", "0.8", "1.0");

        assertThat(rule.judge(new BigDecimal("0.4"), baseline)).hasValueSatisfying(verdict -> {
            assertThat(verdict.median()).isEqualByComparingTo("1.0");
            assertThat(verdict.mad()).isEqualByComparingTo("0.1");
        });
    }

    @Test
    void aDepartureSmallerThanTheMinimumChangeIsNeverFlaggedEvenFromATightBaseline() {
        List<BigDecimal> tight = values("1.000", "1.001", "0.999", "1.000", "1.002", "0.998", "1.000");

        assertThat(rule.judge(new BigDecimal("1.09"), tight)).isEmpty();
        assertThat(rule.judge(new BigDecimal("1.10"), tight)).isPresent();
        assertThat(rule.judge(new BigDecimal("1.05"), values("1", "1", "1", "1", "1", "1", "1"))).isEmpty();
    }

    private static List<BigDecimal> values(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
