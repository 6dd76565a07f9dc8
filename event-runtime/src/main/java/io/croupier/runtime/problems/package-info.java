/**
 * Every service's error answers as RFC 9457 problem details: the one shape of an invalid request, naming each invalid
 * field as the client sent it ({@link io.croupier.runtime.problems.ValidationProblems},
 * {@link io.croupier.runtime.problems.FieldErrors}), and their documentation in the service's OpenAPI document: the
 * framework's own 400 for a request it cannot bind, and what each operation declares with
 * {@link io.croupier.runtime.problems.ErrorAnswer}.
 */
package io.croupier.runtime.problems;
