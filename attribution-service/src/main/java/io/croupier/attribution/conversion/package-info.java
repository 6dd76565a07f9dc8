/**
 * Attribution of reported conversions: parking until the click or player is known, the decision, the attributed event
 * and the look-ups.
 */
package io.croupier.attribution.conversion;
