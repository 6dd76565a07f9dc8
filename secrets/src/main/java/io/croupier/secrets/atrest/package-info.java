/** Secrets encrypted at rest with Tink, and their re-encryption under a new key. */
package io.croupier.secrets.atrest;
