package io.croupier.postback.intake;

import java.util.function.LongConsumer;

import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where every format's endpoint hands its call: read it bounded, let the format interpret it, then record it as
 * accepted or refused. Every call leaves exactly one log row, except one answered 503 because the intake is full or
 * stopping ({@link GroupCommitter.Busy}): that call was not taken, and the sender sends it again.
 */
@Component
public class PostbackDesk {

    private final GroupCommitter committer;

    private final PostbackLog log;

    private final MeterRegistry meters;

    private final long maxBodyBytes;

    PostbackDesk(GroupCommitter committer, PostbackLog log, PostbackSettings settings, MeterRegistry meters) {
        this.committer = committer;
        this.log = log;
        this.meters = meters;
        this.maxBodyBytes = settings.maxBodySize().toBytes();
    }

    /** Turns one HTTP call into what a format needs to decide on it. */
    @FunctionalInterface
    public interface Interpreter {

        Conversion interpret(InboundCall call);
    }

    public Receipt process(HttpServletRequest request, PostbackFormat format, Interpreter interpreter) {
        return process(request, format, null, interpreter, logId -> {
        });
    }

    /** @param secretInPath a credential in the request path (seed 004's key), kept out of the log and the answer */
    public Receipt process(HttpServletRequest request, PostbackFormat format, String secretInPath,
            Interpreter interpreter) {
        return process(request, format, secretInPath, interpreter, logId -> {
        });
    }

    /**
     * @param beforeCommit runs with the log id of a new (not duplicate) postback inside its transaction, before the
     *     event can leave, for callers that must be ready for what the event causes downstream
     */
    public Receipt process(HttpServletRequest request, PostbackFormat format, Interpreter interpreter,
            LongConsumer beforeCommit) {
        return process(request, format, null, interpreter, beforeCommit);
    }

    private Receipt process(HttpServletRequest request, PostbackFormat format, String secretInPath,
            Interpreter interpreter, LongConsumer beforeCommit) {
        InboundCall call = InboundCall.read(request, maxBodyBytes, secretInPath);
        try {
            if (call.oversized()) {
                throw new Rejection(Outcome.ERROR_VALIDATION, HttpStatus.CONTENT_TOO_LARGE,
                        "the body is larger than " + maxBodyBytes + " bytes");
            }
            Receipt.Accepted accepted = committer.record(call, format, interpreter.interpret(call), beforeCommit);
            count(format, accepted.outcome());
            return accepted;
        }
        catch (Rejection rejection) {
            long logId = log.refused(call, format, rejection);
            count(format, rejection.outcome());
            return new Receipt.Refused(logId, rejection, call.loggedPath());
        }
    }

    private void count(PostbackFormat format, Outcome outcome) {
        meters.counter("croupier.postbacks", "format", format.name(), "outcome", outcome.name()).increment();
    }
}
