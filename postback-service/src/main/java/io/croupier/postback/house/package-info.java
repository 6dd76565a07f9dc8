/** Seed 003's house postbacks, answered with the commission they earn. */
package io.croupier.postback.house;
