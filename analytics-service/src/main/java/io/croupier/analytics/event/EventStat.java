package io.croupier.analytics.event;

import java.time.LocalDate;

/** How many events of one type happened on one UTC day, and from how many distinct players. */
record EventStat(LocalDate day, String eventType, long events, long players) {
}
