package io.croupier.commission.commissioning;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How attributed conversions are consumed.
 *
 * @param consumers consumer threads of this instance; each applies a poll of its partitions per transaction, so while
 *                  one waits for the database another works
 */
@ConfigurationProperties("croupier.commission.conversions")
record ConversionsSettings(@DefaultValue("3") int consumers) {
}
