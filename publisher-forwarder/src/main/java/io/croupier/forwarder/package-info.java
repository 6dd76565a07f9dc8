/**
 * publisher-forwarder: publishers, deliveries and their attempts; this package wires the features and holds the
 * settings.
 */
package io.croupier.forwarder;
