package io.croupier.commission;

import io.croupier.embedded.ServiceStructure;
import org.junit.jupiter.api.Test;

class StructureTest {

    @Test
    void featuresKeepTheServiceStructure() {
        ServiceStructure.of(CommissionServiceApplication.class).verify();
    }
}
