/** The UTC hours or days a chart over time is cut into, the same for every service's timeline. */
package io.croupier.runtime.timeline;
