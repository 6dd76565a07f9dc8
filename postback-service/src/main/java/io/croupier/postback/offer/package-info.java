/** This service's replica of the offers, kept from the offers topic. */
package io.croupier.postback.offer;
