package io.croupier.optimizer;

import java.math.BigDecimal;
import java.util.Map;

import io.croupier.optimizer.thompson.ThompsonSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class OptimizerSettingsTest {

    @Test
    void withoutConfiguredRatesTheDefaultsRank() {
        assertThat(bind(Map.of()).rates()).isEqualTo(OptimizerSettings.DEFAULT_RATES);
    }

    @Test
    void aConfiguredRateChangesOrAddsOneCurrencyAndTheOthersKeepTheirDefaults() {
        OptimizerSettings settings = bind(Map.of("croupier.optimizer.rates[EUR]", "1.10",
                "croupier.optimizer.rates[JPY]", "0.0067"));

        assertThat(settings.rates()).hasSize(6)
            .containsEntry("EUR", new BigDecimal("1.10"))
            .containsEntry("JPY", new BigDecimal("0.0067"))
            .containsEntry("GBP", new BigDecimal("1.27"));
    }

    @Test
    void theDefaultPolicyAllocatesInformationDirectedUnlessThompsonSamplingIsChosen() {
        assertThat(bind(Map.of()).thompson().allocation()).isEqualTo(ThompsonSettings.Allocation.INFORMATION_DIRECTED);
        assertThat(bind(Map.of("croupier.optimizer.thompson.allocation", "probability-best")).thompson().allocation())
            .isEqualTo(ThompsonSettings.Allocation.PROBABILITY_BEST);
    }

    private static OptimizerSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("croupier.optimizer",
                OptimizerSettings.class);
    }
}
