package io.croupier.optimizer;

import org.springframework.test.context.TestPropertySource;

/** The whole service running seed 001's policy, as a deployment selects it. */
@TestPropertySource(properties = "croupier.optimizer.policy=seed-ev")
public abstract class SeedPolicyIntegrationTest extends OptimizerIntegrationTest {
}
