/** Seed 001's (the offer router's) postback format. */
package io.croupier.postback.offerrouter;
