package io.croupier.runtime;

import java.time.Duration;
import java.util.Optional;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.events.Click;
import io.croupier.runtime.deadletter.DeadLetters;
import io.croupier.runtime.deadletter.DeadLetters.DeadLetter;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayTest {

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EventRuntimeTestApplication.ClickCounter counter;

    @Autowired
    MeterRegistry meters;

    @Test
    void aDeadLetterIsListedWithItsCauseAndAppliedOnceWhenReplayedAfterTheFix(CapturedOutput output)
            throws Exception {
        Click click = TestClicks.forOffer("offer-1");
        double deadLettersBefore = deadLettersOfClicks();
        counter.breakOn(click.getClickId());
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click).get();

        DeadLetter deadLetter = await().atMost(Duration.ofSeconds(30))
            .until(() -> deadLetters.page(null, 1000).stream().filter(letter -> click.getClickId().equals(letter.key()))
                .findFirst(), Optional::isPresent)
            .orElseThrow();
        assertThat(deadLetter.originalTopic()).isEqualTo(Topics.CLICKS.name());
        assertThat(deadLetter.consumerGroup()).isEqualTo("event-runtime-test");
        assertThat(deadLetter.exceptionMessage()).contains("cannot apply " + click.getClickId());
        assertThat(counter.applied()).doesNotContain(click.getClickId());
        assertThat(output.getAll()).as("every failed attempt is logged before the retries run out")
            .contains("Attempt 1 at " + Topics.CLICKS.name())
            .contains("IllegalStateException: cannot apply " + click.getClickId());
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLettersOfClicks() == deadLettersBefore + 1);

        counter.repair(click.getClickId());
        assertThat(deadLetters.replay(deadLetter.deadLetterTopic(), deadLetter.partition(), deadLetter.offset()))
            .isPresent();

        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(click.getClickId()));
        assertThat(counter.applied()).containsOnlyOnce(click.getClickId());
    }

    private double deadLettersOfClicks() {
        return meters.get("croupier.dead.letters").tag("topic", Topics.CLICKS.name()).counter().count();
    }

    @Test
    void anOffsetThatIsNotADeadLetterOfThisServiceIsNotReplayed() {
        assertThat(deadLetters.replay(Topics.CLICKS.deadLetterTopic(), 0, 1_000_000)).isEmpty();
    }
}
