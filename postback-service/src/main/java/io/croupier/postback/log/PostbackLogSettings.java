package io.croupier.postback.log;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a call's log row is kept for the log pages and seed 003's answer to a repeat (the
 *        original's commission); a month of calls is dropped whole once all of it is older than this. The money dedupe
 *        ({@code postback_dedupe}) is not the log and never expires.
 * @param monthsAhead how many months after the current one have their partition made ahead of time
 */
@ConfigurationProperties("croupier.postback.logs")
record PostbackLogSettings(@DefaultValue("365d") Duration retention, @DefaultValue("1") int monthsAhead) {
}
