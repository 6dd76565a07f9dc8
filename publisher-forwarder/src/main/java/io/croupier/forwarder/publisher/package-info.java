/** The publishers this service owns: their postback template, terms, signing secret and the publishers topic. */
package io.croupier.forwarder.publisher;
