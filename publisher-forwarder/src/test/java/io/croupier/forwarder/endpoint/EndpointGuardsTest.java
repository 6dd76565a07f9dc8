package io.croupier.forwarder.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.croupier.forwarder.ForwarderSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointGuardsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final EndpointGuards guards = new EndpointGuards(new ForwarderSettings.Endpoint(50, Duration.ofSeconds(5),
            10, 4, Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aPublisherThatKeepsFailingOpensOnlyItsOwnCircuitBreaker() {
        for (int i = 0; i < 4; i++) {
            assertThat(guards.admit(1, 100)).isEmpty();
            guards.record(1, PostbackResponse.answered(500, Duration.ofMillis(5), "", null), Duration.ofHours(1));
        }

        assertThat(guards.breakerState(1)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guards.admit(1, 100)).hasValueSatisfying(deferral -> {
            assertThat(deferral.until()).isEqualTo(NOW.plusSeconds(30));
            assertThat(deferral.reason()).contains("circuit breaker is open");
        });
        assertThat(guards.admit(2, 100)).isEmpty();
    }

    @Test
    void slowCallsOpenTheBreakerToo() {
        for (int i = 0; i < 4; i++) {
            assertThat(guards.admit(3, 100)).isEmpty();
            guards.record(3, PostbackResponse.answered(200, Duration.ofSeconds(6), "", null), Duration.ofHours(1));
        }

        assertThat(guards.breakerState(3)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theRateLimitCapsAttemptsPerSecondPerPublisher() {
        assertThat(guards.admit(4, 2)).isEmpty();
        assertThat(guards.admit(4, 2)).isEmpty();

        assertThat(guards.admit(4, 2)).isPresent();
        assertThat(guards.admit(5, 2)).isEmpty();
    }

    @Test
    void retryAfterPausesTheWholeEndpointAndIsCapped() {
        assertThat(guards.admit(6, 100)).isEmpty();
        guards.record(6, PostbackResponse.answered(429, Duration.ofMillis(5), "", Duration.ofSeconds(120)),
                Duration.ofSeconds(60));

        assertThat(guards.admit(6, 100)).hasValueSatisfying(
                deferral -> assertThat(deferral.until()).isEqualTo(NOW.plusSeconds(60)));
    }
}
