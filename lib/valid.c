/* valid.c: validators for every kind of field a request carries. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "valid.h"

size_t
utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t		 len, i;
	unsigned long	 c;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

long
valid_utf8(const char *s, size_t len, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;
	unsigned long		 cp;
	long			 count = 0;
	size_t			 n;

	for (; p < end; p += n, count++) {
		if ((n = utf8_decode(p, (size_t)(end - p), &cp)) == 0)
			return -1;
		/* C0 controls (bar tab, newline, return when multiline), DEL, C1 controls */
		if ((cp < 0x20 && !(multiline && (cp == '\t' || cp == '\n' || cp == '\r'))) ||
		    (cp >= 0x7f && cp < 0xa0))
			return -1;
	}
	return count;
}

int
valid_int(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
valid_num(const char *s, double min, double max, double *out)
{
	char	*end;
	double	 v;
	size_t	 i;

	if (s == NULL || *s == '\0')
		return -1;
	/* Plain decimal only: no hex, inf, nan or white space. */
	for (i = 0; s[i] != '\0'; i++)
		if (!strchr("0123456789.-+eE", s[i]))
			return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end != '\0' || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
valid_username(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n < 3 || n > 32)
		return -1;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_.-", s[i]))
			return -1;
	return 0;
}

int
valid_email(const char *s)
{
	const char	*at, *dot, *p;
	size_t		 n = strlen(s);

	if (n < 6 || n > 254 || (at = strchr(s, '@')) == NULL || strchr(at + 1, '@'))
		return -1;
	if (at == s || at - s > 64)
		return -1;
	for (p = s; p < at; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.!#$%&'*+/=?^_`{|}~-", *p))
			return -1;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return -1;
	if ((dot = strrchr(at + 1, '.')) == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strlen(dot + 1) < 2)
		return -1;
	for (p = at + 1; *p != '\0'; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-", *p))
			return -1;
	if (at[1] == '-' || at[1] == '.' || s[n - 1] == '-')
		return -1;
	return 0;
}

int
valid_password(const char *s)
{
	long	 n = valid_utf8(s, strlen(s), 0);

	return n >= 8 && n <= 128 ? 0 : -1;
}

int
valid_language(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n < 2 || n > 3)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return -1;
	return 0;
}

int
valid_http_url(const char *s)
{
	const char	*p;

	if (strncasecmp(s, "http://", 7) == 0)
		p = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		p = s + 8;
	else
		return -1;
	if (*p == '\0' || *p == '/' || *p == ':' || *p == '?' || *p == '#')
		return -1;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`' || (unsigned char)*p == 0x7f)
			return -1;
	return 0;
}

int
valid_video_path(const char *s)
{
	const char	*p, *seg = s;

	if (*s == '\0' || *s == '/')
		return -1;
	for (p = s;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == seg || (p - seg == 2 && seg[0] == '.' && seg[1] == '.') ||
			    (p - seg == 1 && seg[0] == '.'))
				return -1;
			if (*p == '\0')
				return 0;
			seg = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			return -1;
	}
}
