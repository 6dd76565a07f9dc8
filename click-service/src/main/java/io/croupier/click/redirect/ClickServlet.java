package io.croupier.click.redirect;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.offer.UrlTemplate;
import io.croupier.click.publisher.PublisherReplica;
import io.croupier.click.recording.ClickPublisher;
import io.croupier.click.routing.RoutableOffer;
import io.croupier.click.routing.Routes;
import io.croupier.clickid.ClickId;
import io.croupier.events.Click;
import io.croupier.routing.Route;
import io.croupier.routing.RoutingTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 001's {@code GET /click}: route the visitor to an offer and answer 302 at once; the click event leaves for
 * Kafka in the background. A plain servlet rather than a Spring MVC handler because this is the platform's hot path:
 * handler mapping, argument resolution and the per-request observation cost more CPU than the click itself (see the
 * README, Benchmark). Its latency is kept in one pre-registered timer instead.
 */
final class ClickServlet extends HttpServlet {

    private final Routes routes;

    private final PublisherReplica publishers;

    private final ClickPublisher clicks;

    private final OfferCatalogue catalogue;

    private final TrustedProxies proxies;

    private final ClickServiceSettings.Redirect settings;

    private final String fallbackUrl;

    private final JsonMapper json;

    private final Timer redirects;

    ClickServlet(Routes routes, PublisherReplica publishers, ClickPublisher clicks, OfferCatalogue catalogue,
            ClickServiceSettings properties, JsonMapper json, MeterRegistry meters) {
        this.routes = routes;
        this.publishers = publishers;
        this.clicks = clicks;
        this.catalogue = catalogue;
        this.settings = properties.redirect();
        this.proxies = TrustedProxies.of(settings.trustedProxies());
        this.fallbackUrl = validFallback(settings.fallbackUrl());
        this.json = json;
        this.redirects = Timer.builder("croupier.clicks.redirect")
            .description("Time the click servlet spends on one GET /click, answered or rejected")
            .register(meters);
    }

    /** Other methods than GET and HEAD get the same problem details as Spring MVC gives them elsewhere. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
        reject(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                "Method '" + method + "' is not supported."));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            redirect(response, route(request));
        }
        catch (ClickRejected rejected) {
            if (fallbackUrl == null) {
                reject(request, response, rejected.problem());
            }
            else {
                redirect(response, fallbackUrl);
            }
        }
        finally {
            redirects.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, location);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** RFC 9457, with the fields Spring MVC's own problem details carry, so every error of the service looks alike. */
    private void reject(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    private String route(HttpServletRequest request) {
        ClickParameters parameters = ClickParameters.of(request.getParameterMap(), settings);
        RoutingTable<RoutableOffer> table = routes.current();
        Route<RoutableOffer> route = parameters.offer() == null ? table.route(ThreadLocalRandom.current())
            .orElseThrow(ClickRejected::noActiveOffer)
                : table.direct(parameters.offer()).orElseThrow(() -> ClickRejected.unknownOffer(parameters.offer()));
        RoutableOffer offer = route.offer();

        long now = System.currentTimeMillis();
        String clickId = ClickId.mint(now).toString();
        String location = offer.url().expand(macro -> parameters.macro(macro, clickId));

        Map<String, String> params = parameters.others();
        String publisherId = null;
        if (parameters.pub() != null) {
            publisherId = publishers.resolve(parameters.pub());
            if (publisherId == null) {
                params = new HashMap<>(params);
                params.put("pub", parameters.pub());
            }
        }
        clicks.publish(Click.newBuilder()
            .setClickId(clickId)
            .setOfferId(offer.offerId())
            .setPublisherId(publisherId)
            .setTracking(parameters.tracking())
            .setParams(params)
            .setOccurredAt(Instant.ofEpochMilli(now))
            .setIp(proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")))
            .setUserAgent(request.getHeader(HttpHeaders.USER_AGENT))
            .setReferrer(request.getHeader(HttpHeaders.REFERER))
            .setWeightSetId(route.weightSetId())
            .setRouting(route.mode())
            .build());
        if (!offer.clicked()) {
            catalogue.markClicked(offer.id());
        }
        return location;
    }

    private static String validFallback(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            UrlTemplate.parse(url.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalStateException("croupier.click.redirect.fallback-url: " + e.getMessage(), e);
        }
        return url.strip();
    }
}
