/** The local stack: every service in one process on its documented port, with demo data and simulated traffic. */
package io.croupier.localstack;
