package io.croupier.optimizer.weights;

import io.croupier.optimizer.offer.OfferActive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Gives an active offer that the newest set leaves out its floor weight at once instead of at the next cycle:
 * click-service sends no weighted traffic to an offer the set does not name, and a new offer must not starve for up
 * to six hours.
 */
@Component
class NewOfferWeighing {

    private static final Logger log = LoggerFactory.getLogger(NewOfferWeighing.class);

    private final WeightRecalculation recalculation;

    NewOfferWeighing(WeightRecalculation recalculation) {
        this.recalculation = recalculation;
    }

    /** The offer itself is stored whatever happens here; if this fails, the next cycle weighs it. */
    @TransactionalEventListener
    void on(OfferActive offer) {
        try {
            recalculation.recalculateForNewOffer(offer.offerId());
        }
        catch (RuntimeException e) {
            log.warn("Could not weigh offer {} at once, the next cycle will: {}", offer.offerId(), e.toString());
        }
    }
}
