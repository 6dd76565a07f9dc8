package io.croupier.attribution;

import io.croupier.embedded.ServiceStructure;
import org.junit.jupiter.api.Test;

class StructureTest {

    @Test
    void featuresKeepTheServiceStructure() {
        ServiceStructure.of(AttributionServiceApplication.class).verify();
    }
}
