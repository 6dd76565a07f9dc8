package io.croupier.runtime.inbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A service refuses to start with an inbox that would forget an id before its last duplicate can arrive. */
class InboxSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(BindsInboxSettings.class);

    @Test
    void aRetentionBelowTheMinimumStopsTheStartWithTheRule() {
        context.withPropertyValues("croupier.events.inbox.retention=34d")
            .run(started -> assertThat(started).getFailure()
                .rootCause()
                .hasMessageContaining("croupier.events.inbox.retention is PT816H, shorter than the minimum of 35 days")
                .hasMessageContaining("would be applied twice"));
    }

    @Test
    void theMinimumItselfAndTheDefaultAreAccepted() {
        context.withPropertyValues("croupier.events.inbox.retention=35d")
            .run(started -> assertThat(started.getBean(InboxSettings.class).retention())
                .isEqualTo(Duration.ofDays(35)));
        context.run(started -> assertThat(started.getBean(InboxSettings.class)).isEqualTo(
                new InboxSettings(Duration.ofDays(90), 1)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InboxSettings.class)
    static class BindsInboxSettings {
    }
}
