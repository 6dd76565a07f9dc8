/** The front door: one route table from the seeds' paths to the services, the proxy and the health fan-out. */
package io.croupier.frontdoor;
