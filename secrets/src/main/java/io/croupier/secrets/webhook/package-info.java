/** Standard Webhooks secrets and signatures. */
package io.croupier.secrets.webhook;
