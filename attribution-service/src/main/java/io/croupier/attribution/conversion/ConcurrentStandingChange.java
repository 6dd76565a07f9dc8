package io.croupier.attribution.conversion;

/**
 * What a poll read at once was changed by another transaction before the poll wrote it (a player linked by a click
 * batch's re-check, say): the poll is rolled back and redone one conversion per transaction, each reading afresh.
 */
class ConcurrentStandingChange extends RuntimeException {

    ConcurrentStandingChange(String message) {
        super(message);
    }
}
