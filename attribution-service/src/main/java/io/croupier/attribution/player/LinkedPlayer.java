package io.croupier.attribution.player;

/**
 * A player's link with the two facts of the player's history kept on it.
 *
 * @param deposited an approved deposit of the player was attributed
 * @param firstDepositCounted the player's first deposit was counted in the funnel
 */
public record LinkedPlayer(PlayerLink link, boolean deposited, boolean firstDepositCounted) {
}
