/** Average revenue per daily active user, computed from the curated purchases and sessions. */
package io.croupier.analytics.arpdau;
