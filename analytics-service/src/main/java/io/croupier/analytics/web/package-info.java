/** What several controllers of this service share: how a report is offered as a download. */
package io.croupier.analytics.web;
