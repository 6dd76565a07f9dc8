/** Producers, consumers, retries and static group membership, as every service uses them. */
package io.croupier.runtime.kafka;
