/** Curated purchases: provider purchases confirmed by the gateway, the pipeline's single source of revenue. */
package io.croupier.analytics.curated;
