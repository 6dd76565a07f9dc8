/** The click redirect (GET /click): parameters, click ids, trusted proxies and the answer. */
package io.croupier.click.redirect;
