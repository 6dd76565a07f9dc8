/** What every controller of this service shares: problem details, invalid fields, downloads. */
package io.croupier.analytics.web;
