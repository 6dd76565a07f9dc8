package io.croupier.analytics.pipeline;

/** A run that failed and was recorded as such; its transaction, and so every output it had written, rolled back. */
class PipelineFailed extends RuntimeException {

    private final PipelineRun run;

    PipelineFailed(PipelineRun run, Throwable cause) {
        super("pipeline run " + run.runId() + " for " + run.day() + " failed: " + cause, cause);
        this.run = run;
    }

    PipelineRun run() {
        return run;
    }
}
