/**
 * What every inbound format shares: the postback log, dedupe, the conversion's identity and order key, the reported
 * event.
 */
package io.croupier.postback.intake;
