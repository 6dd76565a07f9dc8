/** Imports of provider purchases, gateway confirmations, sessions and ad spend from CSV or JSON files. */
package io.croupier.analytics.imports;
