package io.croupier.analytics;

import io.croupier.embedded.ServiceStructure;
import org.junit.jupiter.api.Test;

class StructureTest {

    @Test
    void featuresKeepTheServiceStructure() {
        ServiceStructure.of(AnalyticsServiceApplication.class).verify();
    }
}
