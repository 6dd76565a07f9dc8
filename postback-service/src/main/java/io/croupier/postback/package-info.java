/**
 * postback-service: every inbound postback format of the seeds; this package wires the features and holds the
 * settings.
 */
package io.croupier.postback;
