/** Dead-letter topics: what consumers gave up on, listed and replayed. */
package io.croupier.runtime.deadletter;
