/** The inbox: each consumed event id applied once, in the transaction of its change. */
package io.croupier.runtime.inbox;
