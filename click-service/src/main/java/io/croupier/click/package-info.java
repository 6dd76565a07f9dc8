/**
 * click-service: the offer catalogue, routing and the click redirect; this package wires the features and holds the
 * settings.
 */
package io.croupier.click;
