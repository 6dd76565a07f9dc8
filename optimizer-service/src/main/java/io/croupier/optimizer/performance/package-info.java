/** The evidence the policies weigh: attribution's performance windows and commission's revenue, recorded from their topics. */
package io.croupier.optimizer.performance;
