/** The optimizer: weighs offers by what they earn, with the policy its settings choose, and publishes the weight sets click-service routes by. */
package io.croupier.optimizer;
