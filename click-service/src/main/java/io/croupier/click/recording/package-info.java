/** Click events on their way to Kafka, spooled to the database when the broker refuses them. */
package io.croupier.click.recording;
