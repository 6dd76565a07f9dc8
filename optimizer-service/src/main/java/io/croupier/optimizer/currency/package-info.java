/** The reference currency offers are compared in, and revenue converted into it. */
package io.croupier.optimizer.currency;
