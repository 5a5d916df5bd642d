/* hex.h: hexadecimal digits, bytes to hex and back, and the hashes of the tree: FNV-1a for bytes, one for ids. */
#ifndef STREAMIFY_HEX_H
#define STREAMIFY_HEX_H

#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit, either case, or -1 when c is not one. */
int		 hex_value(int c);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes), NUL-terminated. */
void		 hex_encode(const void *in, size_t len, char *out);

/*
 * Decode len hex digits of in into out (at most outlen bytes). Returns the
 * number of bytes, or -1 when len is odd, a digit is not hex or out is too
 * small.
 */
int		 hex_decode(const char *in, size_t len, unsigned char *out, size_t outlen);

/*
 * FNV-1a, 64 bits, of n bytes: the hash the answer memories file keys by
 * and ETags are made of (not for anything an attacker could exploit).
 */
uint64_t	 hash_fnv1a(const void *p, size_t n);

/*
 * The start slot of id in an open-addressing table of mask + 1 slots (a
 * power of 2): a multiplicative (Fibonacci) hash, for the tables keyed by
 * a movie, user or source id.
 */
size_t		 hash_slot(long long id, size_t mask);

#endif
