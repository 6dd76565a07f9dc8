/** Avro single-object encoding behind Kafka's serializer interfaces. */
package io.croupier.schemas.serde;
