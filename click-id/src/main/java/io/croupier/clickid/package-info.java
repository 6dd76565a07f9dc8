/** The click id's format: minting an id from an instant, and reading the instant back out of one. */
package io.croupier.clickid;
