/**
 * The real Kafka broker and PostgreSQL that tests and the local stack run in-process, test tokens, and the checks
 * every service's tests share.
 */
package io.croupier.embedded;
