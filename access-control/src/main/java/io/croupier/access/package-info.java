/** Who may call what: JWT validation, roles, the publisher scope and RFC 9457 answers every service shares. */
package io.croupier.access;
