/**
 * The error responses of every operation in the service's OpenAPI document: the framework's own 400 for a request it
 * cannot bind, and what each operation declares with {@link io.croupier.runtime.problems.ErrorAnswer}, all as RFC 9457
 * problem details.
 */
package io.croupier.runtime.problems;
