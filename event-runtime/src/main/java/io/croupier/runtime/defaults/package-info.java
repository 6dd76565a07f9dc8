/** The Kafka and serde settings every service starts from. */
package io.croupier.runtime.defaults;
