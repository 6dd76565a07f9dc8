/** Which offer takes a click: the routing table built from the active offers and the optimizer's weights. */
package io.croupier.click.routing;
