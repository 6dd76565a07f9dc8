package io.croupier.localstack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A player the simulation registered on the gaming platform (seed 000), the campaign of the click that brought them,
 * and the deposits the platform accepted: what the casino's payment gateway and the app's attribution provider would
 * report about them too.
 */
final class SimulatedPlayer {

    private final String playerId;

    private final String campaign;

    private final List<Deposit> deposits = new ArrayList<>();

    SimulatedPlayer(String playerId, String campaign) {
        this.playerId = playerId;
        this.campaign = campaign;
    }

    String playerId() {
        return playerId;
    }

    String campaign() {
        return campaign;
    }

    List<Deposit> deposits() {
        return Collections.unmodifiableList(deposits);
    }

    void deposited(String transactionId, BigDecimal amount, Instant at) {
        deposits.add(new Deposit(transactionId, amount, at));
    }

    /** A deposit in USD, as the simulation sent it. */
    record Deposit(String transactionId, BigDecimal amount, Instant at) {
    }
}
