/**
 * The operator console and publisher portal: static pages served on one origin with the APIs they call, holding no
 * data of their own.
 */
package io.croupier.console;
