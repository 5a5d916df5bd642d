/* uri.c: request-line pieces: the path, the query string, percent-decoding. */
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "uri.h"

long
uri_decode(char *dst, const char *src, size_t len, int plus)
{
	size_t	 i, o = 0;
	int	 hi, lo, c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)src[i];
		if (c == '%') {
			if (i + 2 >= len)
				return -1;
			if ((hi = hex_value(src[i + 1])) < 0 || (lo = hex_value(src[i + 2])) < 0)
				return -1;
			c = hi << 4 | lo;
			i += 2;
		} else if (c == '+' && plus)
			c = ' ';
		if (c == '\0')
			return -1;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return (long)o;
}

int
uri_query_parse(struct uri_query *q, const char *qs)
{
	const char	*p, *amp, *eq;
	char		*out;
	size_t		 len, klen, vlen;
	long		 n;

	memset(q, 0, sizeof(*q));
	if (qs == NULL || *qs == '\0')
		return 0;
	len = strlen(qs);
	/* Decoding never grows: every key and value fits in len + 2 per pair. */
	if ((q->buf = malloc(len + 2 * URI_MAX_PARAMS + 2)) == NULL)
		return -1;
	out = q->buf;
	for (p = qs; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		if (amp == p)
			continue;	/* "a=1&&b=2" */
		if (q->n == URI_MAX_PARAMS)
			goto fail;
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq ? eq : amp) - p);
		vlen = eq ? (size_t)(amp - eq - 1) : 0;
		q->p[q->n].key = out;
		if ((n = uri_decode(out, p, klen, 1)) < 0)
			goto fail;
		out += n + 1;
		q->p[q->n].val = out;
		if ((n = uri_decode(out, eq ? eq + 1 : amp, vlen, 1)) < 0)
			goto fail;
		out += n + 1;
		q->n++;
	}
	return 0;
fail:
	uri_query_free(q);
	return -1;
}

void
uri_query_free(struct uri_query *q)
{
	free(q->buf);
	memset(q, 0, sizeof(*q));
}

const char *
uri_query_get(const struct uri_query *q, const char *key)
{
	size_t	 i;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->p[i].key, key) == 0)
			return q->p[i].val;
	return NULL;
}

int
uri_api_path(const char *uri, char *out, size_t outlen)
{
	const char	*q, *rest;
	size_t		 len;
	long		 n;
	char		*seg, *next;

	if (uri == NULL || outlen < 2)
		return -1;
	q = strchr(uri, '?');
	len = q ? (size_t)(q - uri) : strlen(uri);
	if (len >= outlen)
		return -1;
	if ((n = uri_decode(out, uri, len, 0)) < 0)
		return -1;
	if (strncmp(out, "/api/v1", 7) == 0 && (out[7] == '/' || out[7] == '\0'))
		rest = out + 7;
	else if (strncmp(out, "/api", 4) == 0 && (out[4] == '/' || out[4] == '\0'))
		rest = out + 4;
	else
		return -1;
	memmove(out, rest, strlen(rest) + 1);
	if (out[0] == '\0')
		strcpy(out, "/");
	len = strlen(out);
	if (len > 1 && out[len - 1] == '/')
		out[--len] = '\0';
	/* No empty, "." or ".." segments: one spelling per resource. */
	for (seg = out + 1; len > 1; seg = next + 1) {
		next = strchr(seg, '/');
		if (next == NULL)
			next = seg + strlen(seg);
		if (next == seg || (next - seg == 1 && seg[0] == '.') ||
		    (next - seg == 2 && seg[0] == '.' && seg[1] == '.'))
			return -1;
		if (*next == '\0')
			break;
	}
	return 0;
}
