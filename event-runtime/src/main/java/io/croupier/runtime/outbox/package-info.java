/** The transactional outbox and its relay to Kafka. */
package io.croupier.runtime.outbox;
