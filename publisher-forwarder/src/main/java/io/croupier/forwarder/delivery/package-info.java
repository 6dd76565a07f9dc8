/** Deliveries of payouts: the work queue, the attempts, the schedule of retries and the admin log. */
package io.croupier.forwarder.delivery;
