/** Login with a username and password. */
package io.croupier.identity.login;
