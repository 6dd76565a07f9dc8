package io.croupier.postback.inbound;

import java.time.Clock;
import java.time.Instant;

import io.croupier.postback.PostbackSettings;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the replay guard bounded and drops expired secrets: a message id is kept for the message retention (long
 * enough to know a sender's late resends; its timestamp alone gets a replay refused long before), a previous secret
 * no longer than its grace period.
 */
@Component
class InboundHousekeeping {

    private final InboundPolicies policies;

    private final PostbackSettings settings;

    private final Clock clock = Clock.systemUTC();

    InboundHousekeeping(InboundPolicies policies, PostbackSettings settings) {
        this.policies = policies;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void tidy() {
        Instant now = clock.instant();
        policies.forgetMessagesReceivedBefore(now.minus(settings.inbound().messageRetention()));
        policies.forgetExpiredPreviousSecrets(now);
    }
}
