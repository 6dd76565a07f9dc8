/** The event contract: the topic catalogue and every released schema version. */
package io.croupier.schemas;
