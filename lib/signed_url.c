/* signed_url.c: play URLs signed with HMAC-SHA256 over path, user and expiry (no I/O; the HMAC is lib/crypto.c's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "hex.h"
#include "signed_url.h"

int
signed_url_sign(const unsigned char *key, size_t keylen, const char *path,
    long long user_id, long long expires, char *sig)
{
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		*msg = NULL;
	size_t		 len;
	int		 rc = -1;

	sig[0] = '\0';
	if (key == NULL || keylen < SIGNED_URL_MINKEY || path == NULL || *path == '\0')
		return -1;
	len = strlen(path) + 2 * 24;
	if ((msg = malloc(len)) == NULL)
		return -1;
	snprintf(msg, len, "%s\n%lld\n%lld", path, user_id, expires);
	if (crypto_hmac_sha256(key, keylen, msg, strlen(msg), md) == -1 ||
	    crypto_b64url_encode(md, sizeof(md), sig, SIGNED_URL_SIGLEN + 1) != SIGNED_URL_SIGLEN)
		goto out;
	rc = 0;
out:
	crypto_wipe(md, sizeof(md));
	free(msg);
	return rc;
}

int
signed_url_make(const unsigned char *key, size_t keylen, const char *path,
    long long user_id, long long expires, char *out, size_t outlen)
{
	char	 sig[SIGNED_URL_SIGLEN + 1];
	int	 n;

	if (signed_url_sign(key, keylen, path, user_id, expires, sig) == -1)
		return -1;
	n = snprintf(out, outlen, "%s?u=%lld&e=%lld&s=%s", path, user_id, expires, sig);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

/*
 * Parse the canonical decimal text of a positive number at s, up to the
 * first byte that is not a digit: 1..18 digits, the first not 0. Returns
 * the number of digits read, or 0 when it is not canonical.
 */
static size_t
signed_url_number(const char *s, long long *out)
{
	long long	 v = 0;
	size_t		 i;

	if (s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == 18)
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return i;
}

/* Whether c stands for itself in an encoded path (signed_url_encode_path keeps it). */
static int
signed_url_plain(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

/* A hex digit's value, uppercase only: lowercase hex is another spelling, not ours. */
static int
signed_url_hexval(char c)
{
	return c >= 'a' && c <= 'f' ? -1 : hex_value((unsigned char)c);
}

/*
 * Whether the n bytes of path are spelled as signed_url_encode_path spells
 * them: kept bytes as they are, every other byte as %XX in uppercase hex,
 * and no %XX for a byte that is kept.
 */
static int
signed_url_path_canonical(const char *path, size_t n)
{
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (signed_url_plain((unsigned char)path[i]))
			continue;
		if (path[i] != '%' || i + 2 >= n ||
		    (hi = signed_url_hexval(path[i + 1])) < 0 ||
		    (lo = signed_url_hexval(path[i + 2])) < 0 ||
		    signed_url_plain((unsigned char)(hi << 4 | lo)))
			return 0;
		i += 2;
	}
	return 1;
}

int
signed_url_verify(const unsigned char *key, size_t keylen, const char *uri,
    long long now, long long *user_id)
{
	const char	*q, *p, *sigp;
	char		*path = NULL, want[SIGNED_URL_SIGLEN + 1];
	long long	 u = 0, e = 0;
	int		 rc = SIGNED_URL_BAD;
	size_t		 n;

	/*
	 * One spelling per grant: exactly "PATH?u=USER&e=EXPIRES&s=SIG" as
	 * signed_url_make writes it. Leading zeros, signs, escapes, other or
	 * repeated parameters, another order: all refused before any HMAC.
	 */
	if (uri == NULL || (q = strchr(uri, '?')) == NULL || q == uri ||
	    !signed_url_path_canonical(uri, (size_t)(q - uri)))
		return SIGNED_URL_BAD;
	p = q + 1;
	if (strncmp(p, "u=", 2) != 0 || (n = signed_url_number(p + 2, &u)) == 0)
		return SIGNED_URL_BAD;
	p += 2 + n;
	if (strncmp(p, "&e=", 3) != 0 || (n = signed_url_number(p + 3, &e)) == 0)
		return SIGNED_URL_BAD;
	p += 3 + n;
	if (strncmp(p, "&s=", 3) != 0)
		return SIGNED_URL_BAD;
	sigp = p + 3;
	if (strlen(sigp) != SIGNED_URL_SIGLEN)
		return SIGNED_URL_BAD;
	if ((path = strndup(uri, (size_t)(q - uri))) == NULL)
		return SIGNED_URL_BAD;
	if (signed_url_sign(key, keylen, path, u, e, want) == -1)
		goto out;
	if (!crypto_equal(want, sigp, SIGNED_URL_SIGLEN))
		goto out;
	if (e <= now) {
		rc = SIGNED_URL_EXPIRED;
		goto out;
	}
	if (user_id != NULL)
		*user_id = u;
	rc = SIGNED_URL_OK;
out:
	crypto_wipe(want, sizeof(want));
	free(path);
	return rc;
}

int
signed_url_encode_path(const char *path, char *out, size_t outlen)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	const char		*seg;
	size_t			 o = 0, seglen;
	int			 keep;

	if (path == NULL || *path == '\0' || *path == '/' || outlen == 0)
		return -1;
	for (seg = path; ; seg += seglen + 1) {
		seglen = strcspn(seg, "/");
		if ((seglen == 1 && seg[0] == '.') ||
		    (seglen == 2 && seg[0] == '.' && seg[1] == '.'))
			return -1;
		if (seg[seglen] == '\0')
			break;
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
		    *p == '~' || *p == '/';
		if (o + (keep ? 1 : 3) >= outlen)
			return -1;
		if (keep)
			out[o++] = (char)*p;
		else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
	return 0;
}
