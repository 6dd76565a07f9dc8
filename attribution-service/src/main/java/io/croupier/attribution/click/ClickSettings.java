package io.croupier.attribution.click;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a click is kept for look-ups, fallback matching and late conversions
 * @param retentionCheckInterval how often clicks older than the retention are deleted
 */
@ConfigurationProperties("croupier.attribution.clicks")
record ClickSettings(@DefaultValue("90d") Duration retention, @DefaultValue("1h") Duration retentionCheckInterval) {
}
