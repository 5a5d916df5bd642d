/* cors.c: which browser origins may call the API (setting cors_origins), and what tells them so. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cors.h"

#define ORIGIN_MAX	255	/* longer Origin values are never allowed */

/* Whether c separates two entries of a cors_origins list. */
static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

/* Whether s (len bytes) is a host name or IPv4 address: dot-separated labels. */
static int
host_valid(const char *s, size_t len)
{
	size_t	 i, label = 0;

	if (len == 0 || len > 253)
		return 0;
	for (i = 0; i < len; i++) {
		char	 c = s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return label > 0 && s[len - 1] != '-';
}

/* Whether s (len bytes) is "[...]" with hex digits, colons and dots inside. */
static int
ipv6_valid(const char *s, size_t len)
{
	size_t	 i;

	if (len < 4 || s[0] != '[' || s[len - 1] != ']')
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (strchr("0123456789abcdefABCDEF:.", s[i]) == NULL)
			return 0;
	return 1;
}

int
cors_origin_valid(const char *s, size_t len)
{
	const char	*host, *end = s + len, *colon;
	long		 port = 0;
	const char	*p;

	if (len > ORIGIN_MAX)
		return 0;
	if (len > 7 && strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (len > 8 && strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return 0;
	/* The port starts at the last colon after a bracketed address, if any. */
	colon = NULL;
	for (p = end; p > host; p--)
		if (p[-1] == ':') {
			colon = p - 1;
			break;
		} else if (p[-1] == ']')
			break;
	if (colon != NULL) {
		if (colon + 1 == end || colon[1] == '0' || end - colon - 1 > 5)
			return 0;
		for (p = colon + 1; p < end; p++) {
			if (*p < '0' || *p > '9')
				return 0;
			port = port * 10 + (*p - '0');
		}
		if (port < 1 || port > 65535)
			return 0;
		end = colon;
	}
	if (host < end && *host == '[')
		return ipv6_valid(host, (size_t)(end - host));
	return host_valid(host, (size_t)(end - host));
}

int
cors_check(const char *list, char *err, size_t errlen)
{
	const char	*p = list, *q;

	if (strcmp(list, "*") == 0)
		return 0;
	while (*p != '\0') {
		while (is_sep(*p))
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && !is_sep(*q); q++)
			;
		if (!cors_origin_valid(p, (size_t)(q - p))) {
			snprintf(err, errlen, "cors_origins: \"%.*s\" is not an origin "
			    "(scheme://host[:port], or * alone)", (int)(q - p), p);
			return -1;
		}
		p = q;
	}
	return 0;
}

int
cors_enabled(const char *list)
{
	const char	*p;

	for (p = list; *p != '\0'; p++)
		if (!is_sep(*p))
			return 1;
	return 0;
}

int
cors_allowed(const char *list, const char *origin)
{
	const char	*p = list, *q;
	size_t		 n;

	if (origin == NULL || list == NULL)
		return 0;
	n = strlen(origin);
	if (!cors_origin_valid(origin, n))
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	while (*p != '\0') {
		while (is_sep(*p))
			p++;
		for (q = p; *q != '\0' && !is_sep(*q); q++)
			;
		if ((size_t)(q - p) == n && strncasecmp(p, origin, n) == 0)
			return 1;
		p = q;
	}
	return 0;
}
