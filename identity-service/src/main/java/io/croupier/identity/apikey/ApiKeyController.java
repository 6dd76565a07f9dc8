package io.croupier.identity.apikey;

import io.croupier.access.Caller;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys, for ADMIN: created with their secret shown once, listed with their last use, revoked. */
@Tag(name = "API keys", description = "Machine clients' keys: created with the secret shown once, listed with "
        + "their last use, revoked. A key is exchanged for a short token at POST /token.")
@RestController
@RequestMapping("/admin/api-keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @ErrorAnswer(status = 400, when = "The name, role, publisher or expiry is not valid",
            detail = "expires_at: must be in the future")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyView create(@RequestBody ApiKeys.NewApiKey request, Caller caller) {
        return keys.create(request, caller.subject());
    }

    /**
     * Newest first.
     *
     * @param cursor the {@code next_cursor} of the previous page: the keys created before it
     */
    @BadPageRequest
    @GetMapping
    CursorPage<ApiKeyView> list(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        return keys.page(new PageRequest(cursor, limit));
    }

    @ErrorAnswer(status = 404, when = "No API key has this id", detail = "no API key 42")
    @GetMapping("/{id}")
    ApiKeyView get(@PathVariable long id) {
        return keys.view(id);
    }

    @ErrorAnswer(status = 404, when = "No API key has this id", detail = "no API key 42")
    @DeleteMapping("/{id}")
    ApiKeyView revoke(@PathVariable long id) {
        return keys.revoke(id);
    }
}
