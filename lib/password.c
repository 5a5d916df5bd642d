/* password.c: password hashing (scrypt), and verifying the hashes of the Werkzeug deployment. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "config.h"
#include "crypto.h"
#include "hex.h"
#include "log.h"
#include "password.h"

#define SALT_BYTES	16		/* random bytes of a new salt (22 base64url characters) */
#define SALT_MAX	128		/* characters of a stored salt */
#define SCRYPT_DKLEN	64		/* what hashlib.scrypt makes by default */
#define PBKDF2_DKLEN	32		/* what hashlib.pbkdf2_hmac makes for sha256 */
#define SCRYPT_MAXMEM	(1ULL << 30)	/* refuse stored costs that need more memory */
#define PBKDF2_MAX_ITER	10000000UL	/* refuse stored costs beyond this */

/* What a stored hash says. */
struct parsed {
	enum { M_SCRYPT, M_PBKDF2 } method;
	uint64_t	 n;		/* scrypt N */
	uint64_t	 r, p;		/* scrypt r, p */
	unsigned long	 iter;		/* pbkdf2 iterations */
	const char	*salt;		/* points into the stored text */
	size_t		 saltlen;
	unsigned char	 dk[SCRYPT_DKLEN];
	size_t		 dklen;
};

/* Parse a decimal number in [min, max] that ends at end (exclusive). Returns 0 or -1. */
static int
parse_num(const char *s, const char *end, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t	 v = 0;

	if (s == end || end - s > 19 || (*s == '0' && end - s > 1))
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The memory scrypt needs for N, r, p, with room to spare (OpenSSL's own count). */
static uint64_t
scrypt_mem(uint64_t n, uint64_t r, uint64_t p)
{
	return 128 * r * (n + 2) + 128 * r * p + (1 << 20);
}

/* Parse a stored hash into *ph. Returns 0 or -1. */
static int
parse(const char *stored, struct parsed *ph)
{
	const char	*d1, *d2, *c1, *c2, *c3, *hex;
	uint64_t	 v;
	int		 n;

	memset(ph, 0, sizeof(*ph));
	if ((d1 = strchr(stored, '$')) == NULL || (d2 = strchr(d1 + 1, '$')) == NULL ||
	    strchr(d2 + 1, '$') != NULL)
		return -1;
	ph->salt = d1 + 1;
	ph->saltlen = (size_t)(d2 - ph->salt);
	if (ph->saltlen == 0 || ph->saltlen > SALT_MAX)
		return -1;
	hex = d2 + 1;
	if (strncmp(stored, "scrypt:", 7) == 0) {
		ph->method = M_SCRYPT;
		c1 = stored + 7;
		if ((c2 = memchr(c1, ':', (size_t)(d1 - c1))) == NULL ||
		    (c3 = memchr(c2 + 1, ':', (size_t)(d1 - c2 - 1))) == NULL ||
		    parse_num(c1, c2, 2, 1ULL << 24, &ph->n) == -1 ||
		    (ph->n & (ph->n - 1)) != 0 ||
		    parse_num(c2 + 1, c3, 1, 1024, &ph->r) == -1 ||
		    parse_num(c3 + 1, d1, 1, 1024, &ph->p) == -1 ||
		    scrypt_mem(ph->n, ph->r, ph->p) > SCRYPT_MAXMEM)
			return -1;
		ph->dklen = SCRYPT_DKLEN;
	} else if (strncmp(stored, "pbkdf2:sha256:", 14) == 0) {
		ph->method = M_PBKDF2;
		if (parse_num(stored + 14, d1, 1, PBKDF2_MAX_ITER, &v) == -1)
			return -1;
		ph->iter = (unsigned long)v;
		ph->dklen = PBKDF2_DKLEN;
	} else
		return -1;
	n = hex_decode(hex, strlen(hex), ph->dk, sizeof(ph->dk));
	if (n < 0 || (size_t)n != ph->dklen)
		return -1;
	return 0;
}

/* Derive the key of password for *ph into out (ph->dklen bytes). Returns 0 or -1 (logged). */
static int
derive(const char *password, const struct parsed *ph, unsigned char *out)
{
	char	 buf[256];

	if (ph->method == M_SCRYPT) {
		if (EVP_PBE_scrypt(password, strlen(password),
		    (const unsigned char *)ph->salt, ph->saltlen, ph->n, ph->r, ph->p,
		    scrypt_mem(ph->n, ph->r, ph->p), out, ph->dklen) == 1)
			return 0;
	} else if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password),
	    (const unsigned char *)ph->salt, (int)ph->saltlen, (int)ph->iter, EVP_sha256(),
	    (int)ph->dklen, out) == 1)
		return 0;
	ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
	log_error("password derive: %s", buf);
	ERR_clear_error();
	return -1;
}

int
password_hash(const char *password, const struct password_cost *cost, char *out)
{
	struct parsed	 ph;
	unsigned char	 raw[SALT_BYTES];
	char		 salt[CRYPTO_B64URL_LEN(SALT_BYTES)], hex[2 * SCRYPT_DKLEN + 1];
	int		 n;

	out[0] = '\0';
	memset(&ph, 0, sizeof(ph));
	if (cost->n_log2 < 1 || cost->n_log2 > 24 || cost->r < 1 || cost->p < 1) {
		log_error("password_hash: bad cost");
		return -1;
	}
	if (crypto_random(raw, sizeof(raw)) == -1)
		return -1;
	crypto_b64url_encode(raw, sizeof(raw), salt, sizeof(salt));
	ph.method = M_SCRYPT;
	ph.n = 1ULL << cost->n_log2;
	ph.r = cost->r;
	ph.p = cost->p;
	ph.salt = salt;
	ph.saltlen = strlen(salt);
	ph.dklen = SCRYPT_DKLEN;
	if (derive(password, &ph, ph.dk) == -1)
		return -1;
	hex_encode(ph.dk, ph.dklen, hex);
	crypto_wipe(ph.dk, sizeof(ph.dk));
	n = snprintf(out, PASSWORD_HASH_MAX, "scrypt:%llu:%u:%u$%s$%s",
	    (unsigned long long)ph.n, cost->r, cost->p, salt, hex);
	if (n < 0 || n >= PASSWORD_HASH_MAX) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

enum password_rc
password_verify(const char *password, const char *stored, const struct password_cost *cost,
    int *rehash)
{
	struct parsed	 ph;
	unsigned char	 dk[SCRYPT_DKLEN];
	enum password_rc rc;

	*rehash = 0;
	if (stored == NULL || parse(stored, &ph) == -1) {
		log_error("password_verify: a stored hash has an unknown form");
		return PASSWORD_MALFORMED;
	}
	if (derive(password, &ph, dk) == -1)
		return PASSWORD_ERROR;
	rc = crypto_equal(dk, ph.dk, ph.dklen) ? PASSWORD_OK : PASSWORD_MISMATCH;
	crypto_wipe(dk, sizeof(dk));
	if (rc == PASSWORD_OK)
		*rehash = ph.method != M_SCRYPT || ph.n < (1ULL << cost->n_log2) ||
		    ph.r < cost->r || ph.p < cost->p;
	return rc;
}

enum password_rc
password_dummy(const char *password, const struct password_cost *cost)
{
	struct parsed	 ph;
	unsigned char	 dk[SCRYPT_DKLEN];

	memset(&ph, 0, sizeof(ph));
	ph.method = M_SCRYPT;
	ph.n = 1ULL << cost->n_log2;
	ph.r = cost->r;
	ph.p = cost->p;
	ph.salt = "streamify-no-such-user";
	ph.saltlen = strlen(ph.salt);
	ph.dklen = SCRYPT_DKLEN;
	(void)derive(password, &ph, dk);
	crypto_wipe(dk, sizeof(dk));
	return PASSWORD_MISMATCH;
}

void
password_cost_config(struct password_cost *cost)
{
	cost->n_log2 = (unsigned)config.scrypt_n_log2;
	cost->r = (unsigned)config.scrypt_r;
	cost->p = (unsigned)config.scrypt_p;
}
