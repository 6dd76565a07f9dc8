/** Secrets kept only as look-up digests. */
package io.croupier.secrets.digest;
