/** An amount with its currency. */
package io.croupier.commission.money;
