package io.croupier.forwarder.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.croupier.forwarder.ForwarderSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * A circuit breaker, a rate limiter and a {@code Retry-After} pause per publisher endpoint, so one broken, slow or
 * throttling publisher only ever delays its own deliveries. The state is per instance and rebuilt after a restart;
 * the durable retry schedule does not depend on it.
 */
public class EndpointGuards {

    private final Map<Long, Guard> guards = new ConcurrentHashMap<>();

    private final ForwarderSettings.Endpoint settings;

    private final Clock clock;

    private final CircuitBreakerConfig breakerConfig;

    public EndpointGuards(ForwarderSettings.Endpoint settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.breakerConfig = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.slidingWindowSize())
            .minimumNumberOfCalls(settings.minimumCalls())
            .failureRateThreshold(settings.failureRateThreshold())
            .slowCallRateThreshold(settings.failureRateThreshold())
            .slowCallDurationThreshold(settings.slowCallThreshold())
            .waitDurationInOpenState(settings.openDuration())
            .permittedNumberOfCallsInHalfOpenState(2)
            .build();
    }

    /**
     * Asks to call the publisher now. When the answer is empty the caller holds a permission and must report the
     * result with {@link #record}, or hand the permission back with {@link #cancel}.
     *
     * @return when to try again instead, and why: the endpoint is paused, its breaker is open or its rate is used up
     */
    public Optional<Deferral> admit(long publisherId, int ratePerSecond) {
        Guard guard = guard(publisherId, ratePerSecond);
        Instant now = clock.instant();
        Instant pausedUntil = guard.pausedUntil;
        if (pausedUntil != null && pausedUntil.isAfter(now)) {
            return Optional.of(new Deferral(pausedUntil, "the endpoint asked to wait (Retry-After)"));
        }
        if (!guard.breaker.tryAcquirePermission()) {
            return Optional.of(new Deferral(now.plus(settings.openDuration()), "the endpoint's circuit breaker is open"));
        }
        if (!guard.limiter.acquirePermission()) {
            guard.breaker.releasePermission();
            return Optional.of(new Deferral(now.plusMillis(Math.max(50, 1000 / ratePerSecond)),
                    "the endpoint's rate limit of " + ratePerSecond + "/s is used up"));
        }
        return Optional.empty();
    }

    public void cancel(long publisherId) {
        Guard guard = guards.get(publisherId);
        if (guard != null) {
            guard.breaker.releasePermission();
        }
    }

    /** Feeds the breaker, and pauses the whole endpoint when it asked for a {@code Retry-After}. */
    public void record(long publisherId, PostbackResponse response, Duration maxRetryAfter) {
        Guard guard = guards.get(publisherId);
        if (guard == null) {
            return;
        }
        if (response.outcome() == AttemptOutcome.REFUSED_ADDRESS) {
            guard.breaker.releasePermission();
        }
        else if (response.endpointFailure()) {
            guard.breaker.onError(response.latency().toNanos(), TimeUnit.NANOSECONDS,
                    new EndpointFailure(response.outcome() + " " + response.statusCode()));
        }
        else {
            guard.breaker.onSuccess(response.latency().toNanos(), TimeUnit.NANOSECONDS);
        }
        if (response.asksToWait()) {
            Duration wait = response.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : response.retryAfter();
            guard.pausedUntil = clock.instant().plus(wait);
        }
    }

    /** Forgets what was learnt about an endpoint whose settings an admin changed. */
    public void forget(long publisherId) {
        guards.remove(publisherId);
    }

    /** The publishers whose breaker is open or half open on this instance, with the state's name. */
    public Map<Long, String> breakersNotClosed() {
        Map<Long, String> states = new TreeMap<>();
        guards.forEach((id, guard) -> {
            CircuitBreaker.State state = guard.breaker.getState();
            if (state != CircuitBreaker.State.CLOSED) {
                states.put(id, state.name());
            }
        });
        return states;
    }

    CircuitBreaker.State breakerState(long publisherId) {
        Guard guard = guards.get(publisherId);
        return guard == null ? CircuitBreaker.State.CLOSED : guard.breaker.getState();
    }

    private Guard guard(long publisherId, int ratePerSecond) {
        return guards.compute(publisherId, (id, existing) -> existing != null && existing.ratePerSecond == ratePerSecond
                ? existing : new Guard(ratePerSecond, CircuitBreaker.of("publisher-" + id, breakerConfig),
                        RateLimiter.of("publisher-" + id, RateLimiterConfig.custom()
                            .limitForPeriod(ratePerSecond)
                            .limitRefreshPeriod(Duration.ofSeconds(1))
                            .timeoutDuration(settings.rateLimitWait())
                            .build())));
    }

    /** An attempt that was not made now, and not counted: it is due again at {@code until}. */
    public record Deferral(Instant until, String reason) {
    }

    private static final class Guard {

        final int ratePerSecond;

        final CircuitBreaker breaker;

        final RateLimiter limiter;

        volatile Instant pausedUntil;

        Guard(int ratePerSecond, CircuitBreaker breaker, RateLimiter limiter) {
            this.ratePerSecond = ratePerSecond;
            this.breaker = breaker;
            this.limiter = limiter;
        }
    }

    /** What the breaker is told when an endpoint failed without a Java exception of its own. */
    private static final class EndpointFailure extends RuntimeException {

        EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }
}
