/** Per-offer funnel counts in tumbling windows, published for the optimizer. */
package io.croupier.attribution.performance;
