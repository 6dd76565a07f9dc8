/** identity-service: accounts, API keys and tokens; this package wires the features and holds the settings. */
package io.croupier.identity;
