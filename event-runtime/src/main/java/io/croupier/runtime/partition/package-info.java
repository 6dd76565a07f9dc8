/**
 * Tables partitioned by time: their partitions made ahead of time and, where history may go, whole partitions dropped
 * once they have fallen out of retention, so neither writes nor look-ups get slower with the history kept.
 */
package io.croupier.runtime.partition;
