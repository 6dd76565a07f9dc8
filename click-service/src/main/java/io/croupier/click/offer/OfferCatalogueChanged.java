package io.croupier.click.offer;

/** Published inside the transaction that changed the catalogue; routing listens after the commit. */
public record OfferCatalogueChanged(long offerId) {
}
