/** Seed 000's gaming webhook. */
package io.croupier.postback.gaming;
