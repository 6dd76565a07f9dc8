/** Token issuing and the signing keys, published as a JWK set. */
package io.croupier.identity.token;
