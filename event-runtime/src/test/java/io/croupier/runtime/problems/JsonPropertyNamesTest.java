package io.croupier.runtime.problems;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A field is named as the service's own mapper reads it, down nested objects and into lists. */
class JsonPropertyNamesTest {

    record Offer(String casinoUrl, @JsonProperty("allowedSources") List<String> sources, List<Deal> deals,
            Deal deal) {
    }

    record Deal(String payoutCurrency) {
    }

    private final JsonPropertyNames snakeCase = new JsonPropertyNames(JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build());

    private final JsonPropertyNames camelCase = new JsonPropertyNames(JsonMapper.builder().build());

    @Test
    void theNamingStrategyNamesAPlainProperty() {
        assertThat(snakeCase.of(Offer.class, "casinoUrl")).isEqualTo("casino_url");
        assertThat(camelCase.of(Offer.class, "casinoUrl")).isEqualTo("casinoUrl");
    }

    @Test
    void anExplicitJsonPropertyWinsOverTheStrategyAndKeepsItsIndex() {
        assertThat(snakeCase.of(Offer.class, "sources[0]")).isEqualTo("allowedSources[0]");
    }

    @Test
    void nestedObjectsAndListElementsAreNamedByTheirOwnTypes() {
        assertThat(snakeCase.of(Offer.class, "deal.payoutCurrency")).isEqualTo("deal.payout_currency");
        assertThat(snakeCase.of(Offer.class, "deals[2].payoutCurrency")).isEqualTo("deals[2].payout_currency");
    }

    @Test
    void aPathTheMapperDoesNotKnowIsKeptAsReported() {
        assertThat(snakeCase.of(Offer.class, "noSuchField")).isEqualTo("noSuchField");
    }
}
