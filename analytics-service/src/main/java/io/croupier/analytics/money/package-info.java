/** How this service writes an amount in its answers. */
package io.croupier.analytics.money;
