package io.croupier.click.routing;

import io.croupier.events.OfferWeights;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the optimizer's compacted weights topic from the start with a group of its own, so every instance holds the
 * latest complete set. A tombstone returns routing to equal weights.
 */
@Component
class WeightsListener {

    private final Routes routes;

    WeightsListener(Routes routes) {
        this.routes = routes;
    }

    @KafkaListener(topics = Topics.Names.OFFER_WEIGHTS,
            groupId = "click-service-weights-${random.uuid}")
    void on(ConsumerRecord<String, OfferWeights> record) {
        if (Topics.CURRENT_WEIGHTS_KEY.equals(record.key())) {
            routes.onWeights(record.value());
        }
    }
}
