/** Gateway confirmations of Croupier's own deposits, announced once per transaction so commission-service can release a held CPA. */
package io.croupier.analytics.confirmation;
