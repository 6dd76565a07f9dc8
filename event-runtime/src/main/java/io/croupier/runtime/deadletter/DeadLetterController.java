package io.croupier.runtime.deadletter;

import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.deadletter.DeadLetters.DeadLetter;
import io.croupier.runtime.deadletter.DeadLetters.Position;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators see what a service's consumers gave up on, and send it back once the cause is fixed. */
@Tag(name = "Dead letters", description = "What a service's consumers gave up on, and its replay once the cause "
        + "is fixed. Every service has its own: through the front door at "
        + "/services/<service-name>/admin/dead-letters.")
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    DeadLetterController(DeadLetters deadLetters, AuditTrail audit, TransactionTemplate transactions) {
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** @param cursor the {@code next_cursor} of the previous page: the letters dead-lettered before it */
    @BadPageRequest
    @GetMapping
    CursorPage<DeadLetter> list(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(deadLetters.page(after == null ? null : Position.of(after), request.fetchSize()),
                letter -> Position.of(letter).cursor());
    }

    /** For a count that must not stop at a page: a dashboard's. */
    @GetMapping("/count")
    Count count() {
        return new Count(deadLetters.count());
    }

    /** Audited once the record is back on its topic: a replay that failed changed nothing. */
    @ErrorAnswer(status = 404, when = "This service has no dead letter at that topic, partition and offset",
            detail = "No dead letter of this service at croupier.clicks.dlt/0/42")
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    ResponseEntity<?> replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return deadLetters.replay(topic, partition, offset)
            .<ResponseEntity<?>>map(letter -> {
                transactions.executeWithoutResult(status -> audit.record("replay", "dead-letter",
                        topic + "/" + partition + "/" + offset, null, letter));
                return ResponseEntity.ok(letter);
            })
            .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No dead letter of this service at " + topic + "/" + partition + "/"
                            + offset)));
    }

    /** @param total every dead letter this service's consumers left */
    record Count(long total) {
    }
}
