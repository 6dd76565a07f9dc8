package io.croupier.commission.commissioning;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.runtime.problems.ErrorAnswer;

/** Marks an operator's decision on a held payout: the errors {@link HeldPayouts} answers for either decision. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ErrorAnswer(status = 404, when = "No ledger entry has this id", detail = "no ledger entry 9f2c1e4a")
@ErrorAnswer(status = 409, when = "The entry holds no payout", detail = "ledger entry 9f2c1e4a holds no payout")
@ErrorAnswer(status = 409, when = "The held payout was already decided the other way",
        detail = "the payout of ledger entry 9f2c1e4a was already decided: CONFIRMED in entry 7d3b2a10")
@ErrorAnswer(status = 409, when = "The entry was reversed by the casino",
        detail = "ledger entry 9f2c1e4a was reversed by entry 7d3b2a10 (the casino's rejected deposit): "
                + "nothing is owed")
public @interface DecidesAHeldPayout {
}
