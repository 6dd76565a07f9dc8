/** The postback log as operators read it: every inbound call, filtered and paged, its payload with secrets masked. */
package io.croupier.postback.log;
