/** Which offer a click goes to, given the active offers and the optimizer's weight set. */
package io.croupier.routing;
