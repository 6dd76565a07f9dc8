/** Deposits the platform attributed, taken from the attributed-conversions topic into seed 002's purchases. */
package io.croupier.analytics.deposit;
