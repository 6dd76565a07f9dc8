package io.croupier.postback.intake;

import java.util.Map;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** How a postback was answered: accepted (new, duplicate or test) or refused, always with its log id. */
public sealed interface Receipt {

    long logId();

    /**
     * @param eventId the event this postback produced, or for a duplicate the one its original produced
     * @param duplicateOf the log id of the original when this is a duplicate
     * @param conversion what the format made of the call
     */
    record Accepted(long logId, Outcome outcome, String eventId, Long duplicateOf, Conversion conversion)
            implements Receipt {

        public boolean duplicate() {
            return outcome == Outcome.DUPLICATE;
        }

        public boolean emitted() {
            return outcome == Outcome.SUCCESS;
        }
    }

    record Refused(long logId, Rejection rejection) implements Receipt {

        /** The RFC 9457 answer for formats whose seed defines no error body of its own. */
        public ResponseEntity<ProblemDetail> problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(rejection.status(), rejection.getMessage());
            problem.setProperties(Map.of("log_id", logId, "outcome", rejection.outcome().name()));
            return ResponseEntity.status(rejection.status()).body(problem);
        }
    }
}
