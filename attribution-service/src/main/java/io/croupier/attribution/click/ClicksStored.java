package io.croupier.attribution.click;

import java.util.List;

/**
 * Published inside the transaction that stored new clicks (duplicates left out), so that listeners counting them or
 * attributing conversions that waited for them commit or roll back together with the clicks.
 */
public record ClicksStored(List<StoredClick> clicks) {
}
