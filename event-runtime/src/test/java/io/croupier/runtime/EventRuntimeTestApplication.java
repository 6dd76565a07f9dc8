package io.croupier.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.croupier.events.Click;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.schemas.Topics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@SpringBootApplication
class EventRuntimeTestApplication {

    /** Applies each click once; a click whose offer is "poison" always fails. */
    @Component
    static class ClickCounter {

        private final List<String> applied = new CopyOnWriteArrayList<>();

        private final Set<String> broken = ConcurrentHashMap.newKeySet();

        private final Inbox inbox;

        ClickCounter(Inbox inbox) {
            this.inbox = inbox;
        }

        List<String> applied() {
            return applied;
        }

        /** Makes the click fail until {@link #repair} is called, like a bug fixed by a later deployment. */
        void breakOn(String clickId) {
            broken.add(clickId);
        }

        void repair(String clickId) {
            broken.remove(clickId);
        }

        @KafkaListener(topics = Topics.Names.CLICKS)
        @Transactional
        void on(Click click) {
            if ("poison".equals(click.getOfferId()) || broken.contains(click.getClickId())) {
                throw new IllegalStateException("cannot apply " + click.getClickId());
            }
            if (inbox.firstDelivery("click-counter", click.getClickId())) {
                applied.add(click.getClickId());
            }
        }
    }
}
