/**
 * The one paging convention of every list endpoint: {@code ?cursor=&limit=} in, {@code {items, next_cursor}} out,
 * keyset cursors that stay stable while new rows arrive, and a 400 problem for a limit out of range or a cursor this
 * API did not answer.
 */
package io.croupier.runtime.paging;
