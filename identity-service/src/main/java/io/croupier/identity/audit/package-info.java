/** The platform's audit log, kept from the audit topic. */
package io.croupier.identity.audit;
