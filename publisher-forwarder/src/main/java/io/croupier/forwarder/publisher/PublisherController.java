package io.croupier.forwarder.publisher;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Publishers", description = "Publishers (affiliates): postback URL and method, payout terms, rate "
        + "limit; the signing secret is shown only when created or rotated.")
@RestController
@RequestMapping("/admin/publishers")
class PublisherController {

    private final Publishers publishers;

    PublisherController(Publishers publishers) {
        this.publishers = publishers;
    }

    /** The answer is the only place the signing secret is ever shown. */
    @ErrorAnswer(status = 400, when = "A field is missing or not valid, or the postback URL breaks a rule",
            detail = "postback_url is required")
    @ErrorAnswer(status = 409, when = "The username is already taken", detail = "username pub-ana is already taken")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PublisherView create(@Valid @RequestBody PublisherRequest request) {
        return publishers.create(request);
    }

    /** Oldest publisher first. */
    @GetMapping
    CursorPage<PublisherView> list(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(publishers.page(after == null ? null : after.numericId(), request.fetchSize()),
                publisher -> Cursor.of(publisher.id()));
    }

    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 42")
    @GetMapping("/{id}")
    PublisherView get(@PathVariable long id) {
        return publishers.view(id);
    }

    @ErrorAnswer(status = 400, when = "A field is missing or not valid, or the postback URL breaks a rule",
            detail = "postback_url is required")
    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 42")
    @ErrorAnswer(status = 409, when = "The username is already taken", detail = "username pub-ana is already taken")
    @PutMapping("/{id}")
    PublisherView update(@PathVariable long id, @Valid @RequestBody PublisherRequest request) {
        return publishers.update(id, request);
    }

    /** Deactivates: the publisher stays for the deliveries and ledger entries that name it. */
    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 42")
    @DeleteMapping("/{id}")
    PublisherView delete(@PathVariable long id) {
        return publishers.deactivate(id);
    }

    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 42")
    @PostMapping("/{id}/signing-secret")
    PublisherView rotateSigningSecret(@PathVariable long id) {
        return publishers.rotateSecret(id);
    }
}
