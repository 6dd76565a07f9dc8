package io.croupier.commission.publisher;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The versions of some publishers' terms, read at once, and which were in force at a given time: the terms last
 * published at or before it; for a conversion older than every version, the earliest (a publisher is paid on the first
 * terms it ever had until they change).
 */
public final class PublisherVersions {

    private static final Comparator<PublisherVersion> BY_TIME = Comparator.comparing(PublisherVersion::updatedAt);

    private final Map<String, List<PublisherVersion>> byPublisher;

    PublisherVersions(List<PublisherVersion> versions) {
        this.byPublisher = versions.stream().collect(Collectors.groupingBy(PublisherVersion::publisherId));
    }

    /** @throws PublisherNotKnownException when no version has been read (yet) */
    public PublisherVersion inForce(String publisherId, Instant occurredAt) {
        List<PublisherVersion> versions = byPublisher.getOrDefault(publisherId, List.of());
        return versions.stream()
            .filter(version -> !version.updatedAt().isAfter(occurredAt))
            .max(BY_TIME)
            .or(() -> versions.stream().min(BY_TIME))
            .orElseThrow(() -> new PublisherNotKnownException(publisherId));
    }
}
