/* fuzz-jwt.c: libFuzzer target for access-token verification (lib/jwt.c), before and after the HMAC. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "jwt.h"

#define ISS	"streamify"
#define AUD	"streamify-api"
#define NOW	1800000000LL

static const unsigned char	 key[32] = "fuzz-key-fuzz-key-fuzz-key-fuzz-";

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Sign "header\npayload" (two JSON texts) with the key into out, as a
 * token whose signature is good: random bytes would almost never get past
 * the HMAC, so this reaches the header and claim checks after it too.
 * Returns 0, or -1 when the input does not have that shape or is too long.
 */
static int
forge(const char *s, char *out)
{
	const char	*nl = strchr(s, '\n');
	unsigned char	 md[CRYPTO_SHA256_LEN];
	int		 n, m;

	if (nl == NULL)
		return -1;
	if ((n = crypto_b64url_encode(s, (size_t)(nl - s), out, JWT_MAX)) < 0)
		return -1;
	out[n++] = '.';
	if ((m = crypto_b64url_encode(nl + 1, strlen(nl + 1), out + n, JWT_MAX - (size_t)n)) < 0)
		return -1;
	n += m;
	if (crypto_hmac_sha256(key, sizeof(key), out, (size_t)n, md) == -1 || n + 1 >= JWT_MAX)
		return -1;
	out[n++] = '.';
	return crypto_b64url_encode(md, sizeof(md), out + n, JWT_MAX - (size_t)n) < 0 ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jwt_claims	 c, again;
	char			*s, tok[JWT_MAX], tok2[JWT_MAX];
	const char		*t;
	enum jwt_rc		 rc;

	/* The first byte chooses: 'S' signs the rest (header, newline, payload); else a raw token. */
	if (size == 0 || size > 4 * JWT_MAX || (s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	t = s;
	if (data[0] == 'S') {
		if (forge(s, tok) == -1) {
			free(s);
			return 0;
		}
		t = tok;
	}
	rc = jwt_verify(t, ISS, AUD, key, sizeof(key), NOW, &c);
	if (rc == JWT_OK || rc == JWT_EXPIRED) {
		/* What is accepted is well formed: a user, a login, times in range. */
		if (c.sub <= 0 || c.sid <= 0 || c.iat > NOW + 60 || strlen(c.jti) >= sizeof(c.jti) ||
		    (rc == JWT_OK) != (c.exp > NOW))
			abort();
		/* Our own token for those claims verifies to the same claims. */
		if (jwt_sign(&c, ISS, AUD, key, sizeof(key), tok2) != JWT_OK ||
		    jwt_verify(tok2, ISS, AUD, key, sizeof(key), NOW, &again) != rc ||
		    again.sub != c.sub || again.sid != c.sid || again.exp != c.exp ||
		    strcmp(again.jti, c.jti) != 0)
			abort();
	} else if (rc != JWT_INVALID)
		abort();	/* no memory or OpenSSL failure with inputs this small */
	/* Another key accepts none of it. */
	if (jwt_verify(t, ISS, AUD, (const unsigned char *)"0123456789abcdef0123456789abcdef",
	    32, NOW, &c) != JWT_INVALID)
		abort();
	free(s);
	return 0;
}
