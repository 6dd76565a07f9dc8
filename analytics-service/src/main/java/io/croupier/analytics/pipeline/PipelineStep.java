package io.croupier.analytics.pipeline;

/**
 * One output of the pipeline. A step replaces the day's rows of its output inside the run's transaction and returns
 * its headline figures (any JSON-serialisable value). Steps run in their {@code @Order}; a later step may read what
 * an earlier one wrote.
 */
public interface PipelineStep {

    /** The output's name in the run's figures, e.g. {@code reconciliation}. */
    String name();

    Object run(PipelineDay day);
}
