package io.croupier.postback.offer;

/** What this service needs of an offer: how postbacks name it and the currency its deal pays in. */
public record KnownOffer(String offerId, String name, String houseSlug, String dealCurrency, boolean active) {
}
