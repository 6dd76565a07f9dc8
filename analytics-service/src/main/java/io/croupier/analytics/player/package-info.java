/** Which campaign brought each player. */
package io.croupier.analytics.player;
