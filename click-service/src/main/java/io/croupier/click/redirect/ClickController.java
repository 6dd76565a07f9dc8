package io.croupier.click.redirect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.croupier.click.ClickServiceProperties;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.offer.UrlTemplate;
import io.croupier.click.publisher.PublisherDirectory;
import io.croupier.click.recording.ClickPublisher;
import io.croupier.click.routing.OfferRouter;
import io.croupier.click.routing.RoutableOffer;
import io.croupier.click.routing.Route;
import io.croupier.click.routing.Routes;
import io.croupier.click.routing.RoutingTable;
import io.croupier.events.Click;
import io.croupier.events.RoutingMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 001's {@code GET /click}: route the visitor to an offer and answer 302 at once; the click event leaves for
 * Kafka in the background. Reads the servlet request directly: this is the platform's hot path.
 */
@RestController
class ClickController {

    private final Routes routes;

    private final OfferRouter router;

    private final PublisherDirectory publishers;

    private final ClickPublisher clicks;

    private final OfferCatalogue catalogue;

    private final TrustedProxies proxies;

    private final ClickServiceProperties.Redirect settings;

    private final String fallbackUrl;

    ClickController(Routes routes, PublisherDirectory publishers, ClickPublisher clicks, OfferCatalogue catalogue,
            ClickServiceProperties properties) {
        this.routes = routes;
        this.router = new OfferRouter(properties.routing().explorationRate());
        this.publishers = publishers;
        this.clicks = clicks;
        this.catalogue = catalogue;
        this.settings = properties.redirect();
        this.proxies = TrustedProxies.of(settings.trustedProxies());
        this.fallbackUrl = validFallback(settings.fallbackUrl());
    }

    @GetMapping("/click")
    @Operation(summary = "Route a visitor to a casino offer",
            description = "Answers 302 to the chosen offer's URL with the click id; any other parameter is kept "
                    + "with the click.")
    @Parameter(in = ParameterIn.QUERY, name = "source", description = "Traffic source")
    @Parameter(in = ParameterIn.QUERY, name = "campaign", description = "Campaign")
    @Parameter(in = ParameterIn.QUERY, name = "offer", description = "Send to this offer id, skipping routing")
    @Parameter(in = ParameterIn.QUERY, name = "pub", description = "Publisher id or username")
    @Parameter(in = ParameterIn.QUERY, name = "sub1", description = "Publisher's sub id; also sub2 to sub5")
    void click(HttpServletRequest request, HttpServletResponse response) {
        String location;
        try {
            location = route(request);
        }
        catch (ClickRejected rejected) {
            if (fallbackUrl == null) {
                throw rejected;
            }
            location = fallbackUrl;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, location);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private String route(HttpServletRequest request) {
        ClickParameters parameters = ClickParameters.of(request.getParameterMap(), settings);
        RoutingTable table = routes.current();
        Route route = parameters.offer() == null ? router.route(table, ThreadLocalRandom.current())
            .orElseThrow(ClickRejected::noActiveOffer) : direct(table, parameters.offer());
        RoutableOffer offer = route.offer();

        long now = System.currentTimeMillis();
        String clickId = ClickIds.next(now);
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
            .setSource(parameters.source())
            .setCampaign(parameters.campaign())
            .setSub1(parameters.sub(0))
            .setSub2(parameters.sub(1))
            .setSub3(parameters.sub(2))
            .setSub4(parameters.sub(3))
            .setSub5(parameters.sub(4))
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

    private static Route direct(RoutingTable table, String offer) {
        Optional<RoutableOffer> named = table.active(Long.parseLong(offer));
        return new Route(named.orElseThrow(() -> ClickRejected.unknownOffer(offer)), RoutingMode.DIRECT,
                table.weightSetId());
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
