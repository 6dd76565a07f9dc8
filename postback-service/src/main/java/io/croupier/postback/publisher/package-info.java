/** This service's replica of the publishers, kept from the publishers topic. */
package io.croupier.postback.publisher;
