package io.croupier.postback.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

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

    /** @param loggedPath the request path as logged, without the credential it may carry */
    record Refused(long logId, Rejection rejection, String loggedPath) implements Receipt {

        /** The authentication scheme a 401 names, as RFC 9110 asks of every 401. */
        public static final String CHALLENGE = "Webhook-Signature";

        /** The RFC 9457 answer for formats whose seed defines no error body of its own. */
        public ResponseEntity<ProblemDetail> problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(rejection.status(), rejection.getMessage());
            problem.setInstance(instance());
            problem.setProperties(Map.of("log_id", logId, "outcome", rejection.outcome().name()));
            return status().body(problem);
        }

        /** The path as a URI, even when the sender put characters in it that a URI may not hold unencoded. */
        private URI instance() {
            try {
                return URI.create(loggedPath);
            }
            catch (IllegalArgumentException e) {
                return URI.create(UriUtils.encodePath(loggedPath, StandardCharsets.UTF_8));
            }
        }

        /** The status, with the challenge of a 401. */
        public ResponseEntity.BodyBuilder status() {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(rejection.status());
            return rejection.status() == HttpStatus.UNAUTHORIZED ? answer.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    : answer;
        }
    }
}
