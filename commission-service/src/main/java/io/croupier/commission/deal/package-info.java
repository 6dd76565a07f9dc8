/** This service's replica of each offer's deal, every version kept, taken from the offers topic. */
package io.croupier.commission.deal;
