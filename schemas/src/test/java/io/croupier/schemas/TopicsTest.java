package io.croupier.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void everyTopicNameIsUnique() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
    }

    @Test
    void referenceDataTopicsAreCompacted() {
        assertThat(Topics.OFFERS.compacted()).isTrue();
        assertThat(Topics.PUBLISHERS.compacted()).isTrue();
        assertThat(Topics.OFFER_WEIGHTS.compacted()).isTrue();
        assertThat(Topics.CLICKS.compacted()).isFalse();
    }

    @Test
    void deadLetterTopicsAreNamedAfterTheirSource() {
        assertThat(Topics.CLICKS.deadLetterTopic()).isEqualTo("croupier.clicks.dlt");
    }
}
