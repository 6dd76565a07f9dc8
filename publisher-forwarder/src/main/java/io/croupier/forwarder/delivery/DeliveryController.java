package io.croupier.forwarder.delivery;

import java.util.Map;

import io.croupier.access.PublisherScope;
import io.croupier.forwarder.publisher.PublisherEndpoint;
import io.croupier.forwarder.publisher.Publishers;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The delivery log (per publisher and per payout, with every attempt), the dead letters and their replay. */
@Tag(name = "Deliveries", description = "Every payout forwarded to a publisher's postback URL, with each attempt "
        + "(status, latency, response excerpt); dead letters and their replay.")
@RestController
class DeliveryController {

    private final DeliveryLog log;

    private final DeliveryQueue queue;

    private final Publishers publishers;

    private final DeliveryScheduler scheduler;

    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    DeliveryController(DeliveryLog log, DeliveryQueue queue, Publishers publishers, DeliveryScheduler scheduler,
            AuditTrail audit, TransactionTemplate transactions) {
        this.log = log;
        this.queue = queue;
        this.publishers = publishers;
        this.scheduler = scheduler;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * A publisher's token reaches only its own deliveries; another's is answered as if it did not exist.
     *
     * @param id the payout event id, e.g. {@code payout:42}
     */
    @ErrorAnswer(status = 404, when = "No delivery has this id, or it is another publisher's",
            detail = "no delivery payout:42")
    @GetMapping("/admin/deliveries/{id}")
    DeliveryView delivery(@PathVariable String id, PublisherScope scope) {
        return log.find(id)
            .filter(delivery -> scope.covers(delivery.publisherId()))
            .orElseThrow(() -> notFound("no delivery " + id));
    }

    /** @param cursor the {@code next_cursor} of the previous page: the deliveries received before it */
    @ErrorAnswer(status = 404, when = "No publisher has this id, or it is not the caller's", detail = "no publisher 42")
    @BadPageRequest
    @GetMapping("/admin/publishers/{publisherId}/deliveries")
    CursorPage<DeliveryView> byPublisher(@PathVariable long publisherId,
            @RequestParam(required = false) @Pattern(regexp = "PENDING|DELIVERED|DEAD") String state,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit, PublisherScope scope) {
        requireCovered(publisherId, scope);
        PageRequest request = new PageRequest(cursor, limit);
        return request.page(log.byPublisher(publisherId, state, request.after(), request.fetchSize()),
                delivery -> Cursor.of(delivery.receivedAt(), delivery.id()));
    }

    /**
     * Every publisher's dead letters, newest first; {@code /admin/dead-letters} itself lists the Kafka records
     * consumers gave up on.
     *
     * @param cursor the {@code next_cursor} of the previous page: the deliveries that died before it
     */
    @BadPageRequest
    @GetMapping("/admin/deliveries/dead-letters")
    CursorPage<DeliveryView> deadLetters(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        return deadLetters(null, cursor, limit);
    }

    /** @param cursor the {@code next_cursor} of the previous page: the deliveries that died before it */
    @ErrorAnswer(status = 404, when = "No publisher has this id, or it is not the caller's", detail = "no publisher 42")
    @BadPageRequest
    @GetMapping("/admin/publishers/{publisherId}/dead-letters")
    CursorPage<DeliveryView> deadLetters(@PathVariable long publisherId, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit, PublisherScope scope) {
        requireCovered(publisherId, scope);
        return deadLetters((Long) publisherId, cursor, limit);
    }

    /**
     * Starts a fresh schedule for one dead letter; a delivered or still pending delivery is never sent again. The
     * replay is audited in its transaction; the scheduler is woken once it has committed.
     */
    @ErrorAnswer(status = 404, when = "No delivery has this id, or it is another publisher's",
            detail = "no delivery payout:42")
    @ErrorAnswer(status = 409, when = "Only a dead letter can be replayed",
            detail = "delivery payout:42 is DELIVERED; only a dead letter can be replayed")
    @ErrorAnswer(status = 409, when = "The publisher's endpoint is disabled, or the publisher inactive",
            detail = "endpoint of publisher 42 disabled: 410 Gone; update the publisher first")
    @PostMapping("/admin/deliveries/{id}/replay")
    DeliveryView replay(@PathVariable String id, PublisherScope scope) {
        DeliveryView delivery = delivery(id, scope);
        requireReachable(delivery.publisherId());
        transactions.executeWithoutResult(status -> {
            if (!queue.replay(id)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT,
                        "delivery " + id + " is " + delivery.state() + "; only a dead letter can be replayed");
            }
            audit.record("replay", "delivery", id, delivery, log.find(id).orElseThrow());
        });
        scheduler.wakeUp();
        return delivery(id, scope);
    }

    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 42")
    @ErrorAnswer(status = 409, when = "The publisher's endpoint is disabled, or the publisher inactive",
            detail = "endpoint of publisher 42 disabled: 410 Gone; update the publisher first")
    @PostMapping("/admin/publishers/{publisherId}/dead-letters/replay")
    Map<String, Integer> replayAll(@PathVariable long publisherId) {
        requireReachable(publisherId);
        int replayed = transactions.execute(status -> {
            int count = queue.replayDeadLetters(publisherId);
            audit.record("replay-dead-letters", "publisher", Long.toString(publisherId), null,
                    Map.of("replayed", count));
            return count;
        });
        scheduler.wakeUp();
        return Map.of("replayed", replayed);
    }

    private CursorPage<DeliveryView> deadLetters(Long publisherId, String cursor, int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        return request.page(log.deadLetters(publisherId, request.after(), request.fetchSize()),
                delivery -> Cursor.of(delivery.deadAt(), delivery.id()));
    }

    private static void requireCovered(long publisherId, PublisherScope scope) {
        if (!scope.covers(publisherId)) {
            throw notFound("no publisher " + publisherId);
        }
    }

    /** A replay into an unreachable endpoint would only die again; the admin must fix the publisher first. */
    private void requireReachable(long publisherId) {
        PublisherEndpoint endpoint = publishers.endpoint(publisherId)
            .orElseThrow(() -> notFound("no publisher " + publisherId));
        endpoint.unreachable().ifPresent(reason -> {
            throw new ResponseStatusException(HttpStatus.CONFLICT, reason + "; update the publisher first");
        });
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
