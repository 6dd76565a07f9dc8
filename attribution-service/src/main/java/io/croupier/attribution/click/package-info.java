/** The clicks this service keeps for attribution, their tracking fields and their retention. */
package io.croupier.attribution.click;
