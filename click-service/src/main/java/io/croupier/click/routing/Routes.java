package io.croupier.click.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.offer.Offer;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.offer.OfferCatalogueChanged;
import io.croupier.click.offer.UrlTemplate;
import io.croupier.events.OfferWeights;
import io.croupier.routing.Candidate;
import io.croupier.routing.RoutingTable;
import io.croupier.routing.WeightSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the current {@link RoutingTable}: rebuilt when this instance changes the catalogue (after the commit), every
 * few seconds for changes made by other instances, and whenever a weight set arrives.
 */
@Component
public class Routes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    private final OfferCatalogue catalogue;

    private final TaskScheduler scheduler;

    private final ClickServiceSettings.Routing settings;

    private volatile List<Candidate<RoutableOffer>> activeOffers = List.of();

    private volatile WeightSet weights;

    private volatile RoutingTable<RoutableOffer> table = RoutingTable.empty();

    /** Templates are parsed once per distinct URL, not on every reload; only current offers' ones are kept. */
    private Map<String, UrlTemplate> parsedTemplates = Map.of();

    Routes(OfferCatalogue catalogue, TaskScheduler scheduler, ClickServiceSettings properties) {
        this.catalogue = catalogue;
        this.scheduler = scheduler;
        this.settings = properties.routing();
    }

    public RoutingTable<RoutableOffer> current() {
        return table;
    }

    @Override
    public void afterSingletonsInstantiated() {
        reloadOffers();
        scheduler.scheduleWithFixedDelay(this::reloadQuietly, settings.catalogueRefresh());
    }

    @TransactionalEventListener
    void onCatalogueChanged(OfferCatalogueChanged change) {
        reloadOffers();
    }

    synchronized void reloadOffers() {
        List<Candidate<RoutableOffer>> offers = new ArrayList<>();
        Map<String, UrlTemplate> templates = new HashMap<>();
        for (Offer offer : catalogue.list(true)) {
            UrlTemplate known = parsedTemplates.get(offer.casinoUrl());
            UrlTemplate template = known != null ? known : parseOrNull(offer.casinoUrl());
            if (template == null) {
                log.error("Offer {} is not routed: its casino_url is not a valid template", offer.id());
                continue;
            }
            templates.put(offer.casinoUrl(), template);
            String offerId = Long.toString(offer.id());
            offers.add(new Candidate<>(offerId, offer.weight(),
                    new RoutableOffer(offer.id(), offerId, template, offer.clicked())));
        }
        parsedTemplates = templates;
        activeOffers = List.copyOf(offers);
        rebuild();
    }

    synchronized void onWeights(OfferWeights set) {
        weights = set == null ? null : WeightSet.of(set);
        rebuild();
    }

    private void rebuild() {
        table = RoutingTable.of(activeOffers, weights);
    }

    private void reloadQuietly() {
        try {
            reloadOffers();
        }
        catch (RuntimeException e) {
            log.warn("Could not reload the active offers, routing with the last known ones: {}", e.toString());
        }
    }

    private static UrlTemplate parseOrNull(String url) {
        try {
            return UrlTemplate.parse(url);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
