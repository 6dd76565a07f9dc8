/** The offer catalogue click-service owns: offers, their deals and casino URLs, the admin API and the offers topic. */
package io.croupier.click.offer;
