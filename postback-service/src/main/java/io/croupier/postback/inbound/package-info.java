/** Who may post: per offer signing secrets, allow-lists and their administration. */
package io.croupier.postback.inbound;
