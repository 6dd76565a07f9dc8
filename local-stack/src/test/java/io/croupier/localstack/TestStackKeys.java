package io.croupier.localstack;

/**
 * The keys of every platform a test JVM starts: they all share one database, and what one platform stored encrypted
 * or digested, the next must still read.
 */
final class TestStackKeys {

    static final StackKeys SHARED = StackKeys.fresh();

    private TestStackKeys() {
    }
}
