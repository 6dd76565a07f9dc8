/** Player events (seed 002 /event, /events, /stats), stored in monthly partitions. */
package io.croupier.analytics.event;
