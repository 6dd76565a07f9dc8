package io.croupier.identity;

import io.croupier.embedded.ServiceStructure;
import org.junit.jupiter.api.Test;

class StructureTest {

    @Test
    void featuresKeepTheServiceStructure() {
        ServiceStructure.of(IdentityServiceApplication.class).verify();
    }
}
