package io.croupier.optimizer;

import io.croupier.embedded.ServiceStructure;
import org.junit.jupiter.api.Test;

class StructureTest {

    @Test
    void featuresKeepTheServiceStructure() {
        ServiceStructure.of(OptimizerServiceApplication.class).verify();
    }
}
