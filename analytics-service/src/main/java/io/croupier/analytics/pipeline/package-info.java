/** The daily pipeline run: its inputs, its schedule, its runs and their outcome. */
package io.croupier.analytics.pipeline;
