/** CPA and ROAS reports and the ad spend they divide by. */
package io.croupier.commission.report;
