package io.croupier.postback.benchmark;

/** The intake as deployed: postbacks share commits (group commit, the default). */
class GroupCommitIntakeBenchmark extends PostbackIntakeBenchmark {
}
