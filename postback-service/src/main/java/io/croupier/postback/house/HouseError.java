package io.croupier.postback.house;

/** Seed 003's error body. */
record HouseError(String error, long logId) {
}
