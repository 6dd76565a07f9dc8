/** What every controller of this service shares: the 400 for bad input only the domain recognises, downloads. */
package io.croupier.analytics.web;
