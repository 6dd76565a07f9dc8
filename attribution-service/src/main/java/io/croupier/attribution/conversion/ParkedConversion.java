package io.croupier.attribution.conversion;

import java.time.Instant;

import io.croupier.events.ConversionReported;

/**
 * A stored conversion, as it was reported, with the moment it stops being merely pending.
 *
 * @param checks how often it was checked in vain; the next check backs off with it
 */
record ParkedConversion(ConversionReported conversion, Instant graceUntil, int checks) {
}
