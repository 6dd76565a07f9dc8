/** The optimizer's replica of click-service's offers: which exist and which are active. */
package io.croupier.optimizer.offer;
