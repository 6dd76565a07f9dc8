/** Seed 001's /admin/stats: each offer's totals and current weight, as the seed shapes them. */
package io.croupier.optimizer.stats;
