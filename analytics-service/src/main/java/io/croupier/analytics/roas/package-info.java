/** Return on ad spend per campaign and the anomalies it shows. */
package io.croupier.analytics.roas;
