/* valid.h: validators for every kind of field a request carries. */
#ifndef STREAMIFY_VALID_H
#define STREAMIFY_VALID_H

#include <stddef.h>

/*
 * Check that s (len bytes) is well-formed UTF-8 without overlong forms,
 * surrogates or control characters other than tab, newline and carriage
 * return (those only when multiline is set). Returns the number of code
 * points, or -1.
 */
long	valid_utf8(const char *s, size_t len, int multiline);

/*
 * Decode the UTF-8 character at s (n bytes left) into *cp. Returns its
 * length, or 0 for an invalid, overlong or surrogate sequence (skip a byte):
 * the one decoder of the tree.
 */
size_t	utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

/* Parse a whole string as a decimal integer in [min, max]. Returns 0 or -1. */
int	valid_int(const char *s, long long min, long long max, long long *out);

/* Parse a whole string as a finite decimal number in [min, max]. Returns 0 or -1. */
int	valid_num(const char *s, double min, double max, double *out);

/* A username: 3..32 of [A-Za-z0-9_.-]. Returns 0 or -1. */
int	valid_username(const char *s);

/* A plausible e-mail address (local@domain.tld, at most 254 bytes). Returns 0 or -1. */
int	valid_email(const char *s);

/* A password: 8..128 characters of valid UTF-8. Returns 0 or -1. */
int	valid_password(const char *s);

/* A language code: 2..3 lowercase letters. Returns 0 or -1. */
int	valid_language(const char *s);

/* An absolute http or https URL with a host, without white space, quotes or <>\`. Returns 0 or -1. */
int	valid_http_url(const char *s);

/* A relative media path: [A-Za-z0-9._/-], no leading '/', no empty, "." or ".." segment. Returns 0 or -1. */
int	valid_video_path(const char *s);

#endif
