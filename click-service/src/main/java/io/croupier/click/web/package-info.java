/** Problem details shared by this service's controllers. */
package io.croupier.click.web;
