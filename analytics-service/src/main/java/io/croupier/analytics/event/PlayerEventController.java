package io.croupier.analytics.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002's player events: {@code POST /event} records one, {@code GET /events} lists the last 100 newest first
 * (the next page is in the {@code Link} header, RFC 8288), {@code GET /stats} counts them per type and day.
 */
@Tag(name = "Player events", description = "Seed 002: a game's player events, recorded one at a time, listed "
        + "newest first and counted per type and day.")
@RestController
class PlayerEventController {

    private static final int DEFAULT_STATS_DAYS = 30;

    private final PlayerEvents events;

    private final EventSettings settings;

    private final Clock clock;

    private final JsonMapper json;

    PlayerEventController(PlayerEvents events, EventSettings settings, Clock clock, JsonMapper json) {
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    @PostMapping("/event")
    PlayerEvent record(@Valid @RequestBody NewPlayerEvent event) {
        Instant now = clock.instant();
        Instant occurredAt = event.timestampUtc() == null ? now : event.timestampUtc();
        if (occurredAt.isAfter(now.plus(settings.clockSkew()))) {
            throw new InvalidField("timestampUtc", "is in the future");
        }
        if (occurredAt.isBefore(now.minus(settings.retention()))) {
            throw new InvalidField("timestampUtc", "is older than the " + settings.retention().toDays()
                    + " days events are kept");
        }
        if (event.meta() != null && !isJson(event.meta())) {
            throw new InvalidField("meta", "must be a JSON document in a string, e.g. \"{\\\"level\\\":42}\"");
        }
        return events.record(event, occurredAt.truncatedTo(ChronoUnit.MICROS));
    }

    @GetMapping("/events")
    ResponseEntity<List<PlayerEvent>> list(@RequestParam(required = false) String playerId,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int pageSize = limit == null ? settings.pageSize() : limit;
        if (pageSize < 1 || pageSize > settings.maxPageSize()) {
            throw new InvalidField("limit", "must be between 1 and " + settings.maxPageSize());
        }
        EventCursor cursor = before == null ? null : EventCursor.parse(before)
            .orElseThrow(() -> new InvalidField("before", "not a cursor this API handed out"));
        List<PlayerEvent> page = events.newestFirst(playerId, eventType, cursor, pageSize + 1);
        if (page.size() <= pageSize) {
            return ResponseEntity.ok(page);
        }
        List<PlayerEvent> shown = page.subList(0, pageSize);
        // Relative (RFC 8288 allows it), so it stays right behind any proxy or front door.
        String next = UriComponentsBuilder.fromPath(request.getRequestURI())
            .query(request.getQueryString())
            .replaceQueryParam("before", EventCursor.after(shown.get(pageSize - 1)).token())
            .build()
            .toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(shown);
    }

    /** Per UTC day and event type, {@code from} and {@code to} inclusive; the last 30 days by default. */
    @GetMapping("/stats")
    List<EventStat> stats(@RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String playerId,
            @RequestParam(required = false) String eventType) {
        LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_STATS_DAYS - 1) : from;
        if (first.isAfter(last)) {
            throw new InvalidField("from", "is after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= settings.statsMaxDays()) {
            throw new InvalidField("from", "at most " + settings.statsMaxDays() + " days per call");
        }
        return events.stats(first, last, playerId, eventType);
    }

    private boolean isJson(String text) {
        try {
            return !json.readTree(text).isMissingNode();
        }
        catch (JacksonException e) {
            return false;
        }
    }
}
