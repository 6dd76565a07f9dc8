/** Operator and publisher accounts, their credentials and the first administrator. */
package io.croupier.identity.account;
