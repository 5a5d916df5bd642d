/* addr.h: lists of client addresses and address/bits blocks, and whether an address is in one. */
#ifndef STREAMIFY_ADDR_H
#define STREAMIFY_ADDR_H

#include <stddef.h>

/*
 * Whether addr (a textual IPv4 or IPv6 address) is in list: addresses or
 * address/bits blocks separated by commas or blanks ("127.0.0.1,
 * 10.0.0.0/8, ::1"). An empty list holds nothing.
 */
int	addr_allowed(const char *list, const char *addr);

/*
 * Check a list for the setting name. Returns 0, or -1 with a message
 * naming the setting and the bad entry in err.
 */
int	addr_list_check(const char *name, const char *list, char *err, size_t errlen);

#endif
