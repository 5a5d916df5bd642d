/* addr.c: lists of client addresses and address/bits blocks, and whether an address is in one. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"

/* Parse "addr[/bits]" (len bytes) into family, 16 address bytes and prefix bits. Returns 0 or -1. */
static int
cidr_parse(const char *s, size_t len, int *family, unsigned char addr[16], int *bits)
{
	char	 text[64], *slash, *end;
	long	 b;

	if (len == 0 || len >= sizeof(text))
		return -1;
	memcpy(text, s, len);
	text[len] = '\0';
	if ((slash = strchr(text, '/')) != NULL)
		*slash++ = '\0';
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, text, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, text, addr) == 1)
		*family = AF_INET6;
	else
		return -1;
	*bits = *family == AF_INET ? 32 : 128;
	if (slash != NULL) {
		b = strtol(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || b < 0 || b > *bits)
			return -1;
		*bits = (int)b;
	}
	return 0;
}

/* Whether the first bits bits of a and b agree. */
static int
prefix_equal(const unsigned char *a, const unsigned char *b, int bits)
{
	int	 full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)full) != 0)
		return 0;
	return rest == 0 || ((a[full] ^ b[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

/* The next item of a list at *p: its start and length (*len), *p moved past it; NULL at the end. */
static const char *
next_item(const char **p, size_t *len)
{
	const char	*s = *p, *q;

	while (is_sep(*s))
		s++;
	if (*s == '\0')
		return NULL;
	for (q = s; *q != '\0' && !is_sep(*q); q++)
		;
	*len = (size_t)(q - s);
	*p = q;
	return s;
}

int
addr_list_check(const char *name, const char *list, char *err, size_t errlen)
{
	const char	*p = list, *item;
	size_t		 len;
	unsigned char	 a[16];
	int		 fam, bits;

	while ((item = next_item(&p, &len)) != NULL) {
		if (cidr_parse(item, len, &fam, a, &bits) == -1) {
			snprintf(err, errlen, "%s: \"%.*s\" is not an address or "
			    "address/bits block", name, (int)len, item);
			return -1;
		}
	}
	return 0;
}

int
addr_allowed(const char *list, const char *addr)
{
	const char	*p = list, *item;
	size_t		 len;
	unsigned char	 want[16], a[16];
	int		 wfam, fam, bits, wbits;

	if (addr == NULL || strchr(addr, '/') != NULL ||
	    cidr_parse(addr, strlen(addr), &wfam, want, &wbits) == -1)
		return 0;
	while ((item = next_item(&p, &len)) != NULL) {
		if (cidr_parse(item, len, &fam, a, &bits) == 0 && fam == wfam &&
		    prefix_equal(a, want, bits))
			return 1;
	}
	return 0;
}
