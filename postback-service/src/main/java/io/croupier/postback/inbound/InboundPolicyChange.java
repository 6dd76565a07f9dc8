package io.croupier.postback.inbound;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /admin/inbound-auth/{offer_id}}: an omitted field keeps its value.
 *
 * @param allowedSources IPv4 or IPv6 addresses and CIDR ranges; an empty list admits any source
 */
record InboundPolicyChange(@JsonProperty("signature_required") Boolean signatureRequired,
        @JsonProperty("allowed_sources") @Size(max = 100) List<@NotBlank @Size(max = 64) String> allowedSources) {
}
