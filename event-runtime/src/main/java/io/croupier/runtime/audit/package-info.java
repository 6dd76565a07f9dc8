/** The audit trail of operator changes, published on the audit topic. */
package io.croupier.runtime.audit;
