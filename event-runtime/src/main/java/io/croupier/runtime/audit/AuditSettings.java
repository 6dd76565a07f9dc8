package io.croupier.runtime.audit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param redactedFields a field whose name contains one of these (case-insensitive), at any depth, is written as
 *        {@code "***"} in the before and after of an audit record
 */
@ConfigurationProperties("croupier.audit")
public record AuditSettings(
        @DefaultValue({ "secret", "password", "token", "partner_key" }) List<String> redactedFields) {
}
