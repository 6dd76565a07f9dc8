/** This service's replica of the publishers and their payout terms, every version kept. */
package io.croupier.commission.publisher;
