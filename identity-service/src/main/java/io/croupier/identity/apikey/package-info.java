/** API keys and the token endpoint that exchanges them. */
package io.croupier.identity.apikey;
