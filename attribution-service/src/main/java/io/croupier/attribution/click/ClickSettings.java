package io.croupier.attribution.click;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a click is kept for look-ups, fallback matching and late conversions; a day of clicks is
 *        dropped whole once all of it is older than this
 * @param daysAhead how many days after today have their partition made ahead of time
 */
@ConfigurationProperties("croupier.attribution.clicks")
record ClickSettings(@DefaultValue("90d") Duration retention, @DefaultValue("3") int daysAhead) {
}
