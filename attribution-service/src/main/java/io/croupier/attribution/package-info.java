/**
 * attribution-service: joins conversions to clicks, players and publishers; this package wires the features and
 * declares who may call what.
 */
package io.croupier.attribution;
