package io.croupier.postback.benchmark;

import org.springframework.test.context.TestPropertySource;

/** The reference: every postback commits in a transaction of its own on its request thread. */
@TestPropertySource(properties = "croupier.postback.group-commit.enabled=false")
class SingleCommitIntakeBenchmark extends PostbackIntakeBenchmark {
}
