/** Which click brought each player, and each player's first deposit. */
package io.croupier.attribution.player;
