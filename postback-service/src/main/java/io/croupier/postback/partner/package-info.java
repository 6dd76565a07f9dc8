/** Seed 004's partner postbacks. */
package io.croupier.postback.partner;
