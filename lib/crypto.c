/* crypto.c: small general helpers over OpenSSL: random bytes, base64url, hex, SHA-256, HMAC. */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "hex.h"
#include "log.h"

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Log the first OpenSSL error of the queue under fn, and clear the queue. */
static void
ssl_fail(const char *fn)
{
	char	 buf[256];

	ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
	log_error("%s: %s", fn, buf);
	ERR_clear_error();
}

int
crypto_random(void *buf, size_t len)
{
	if (len > 0x7fffffff || RAND_bytes(buf, (int)len) != 1) {
		ssl_fail("RAND_bytes");
		return -1;
	}
	return 0;
}

int
crypto_b64url_encode(const void *in, size_t len, char *out, size_t outlen)
{
	const unsigned char	*p = in;
	size_t			 i, o = 0;
	unsigned long		 v;

	if (outlen < CRYPTO_B64URL_LEN(len))
		return -1;
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 | p[i + 2];
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned long)p[i] << 16;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
	} else if (len - i == 2) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
	}
	out[o] = '\0';
	return (int)o;
}

/* The value of one base64url character, or -1. */
static int
b64url_val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

int
crypto_b64url_decode(const char *in, size_t len, unsigned char *out, size_t outlen)
{
	size_t		 i, o = 0, need;
	unsigned long	 v = 0;
	int		 bits = 0, d;

	if (len % 4 == 1)
		return -1;
	need = len / 4 * 3 + (len % 4 ? len % 4 - 1 : 0);
	if (need > outlen || len > 0x3fffffff)
		return -1;
	for (i = 0; i < len; i++) {
		if ((d = b64url_val((unsigned char)in[i])) < 0)
			return -1;
		v = (v << 6 | (unsigned long)d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	/* The bits left over must be zero: one text per byte string. */
	if (bits > 0 && (v & ((1UL << bits) - 1)) != 0)
		return -1;
	return (int)o;
}

int
crypto_sha256(const void *in, size_t len, unsigned char md[CRYPTO_SHA256_LEN])
{
	unsigned int	 n = 0;

	if (EVP_Digest(in, len, md, &n, EVP_sha256(), NULL) != 1 || n != CRYPTO_SHA256_LEN) {
		ssl_fail("EVP_Digest");
		return -1;
	}
	return 0;
}

struct crypto_sha256 *
crypto_sha256_new(void)
{
	EVP_MD_CTX	*ctx;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return NULL;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		ssl_fail("EVP_DigestInit_ex");
		EVP_MD_CTX_free(ctx);
		return NULL;
	}
	return (struct crypto_sha256 *)ctx;
}

void
crypto_sha256_add(struct crypto_sha256 *h, const void *p, size_t len)
{
	if (h != NULL)
		(void)EVP_DigestUpdate((EVP_MD_CTX *)h, p, len);
}

void
crypto_sha256_end(struct crypto_sha256 *h, char hex[2 * CRYPTO_SHA256_LEN + 1])
{
	unsigned char	 md[CRYPTO_SHA256_LEN];
	unsigned int	 n = 0;

	if (hex != NULL)
		hex[0] = '\0';
	if (h == NULL)
		return;
	if (hex != NULL && EVP_DigestFinal_ex((EVP_MD_CTX *)h, md, &n) == 1 &&
	    n == CRYPTO_SHA256_LEN)
		hex_encode(md, sizeof(md), hex);
	EVP_MD_CTX_free((EVP_MD_CTX *)h);
}

int
crypto_sha256_hex(const void *in, size_t len, char hex[2 * CRYPTO_SHA256_LEN + 1])
{
	unsigned char	 md[CRYPTO_SHA256_LEN];

	hex[0] = '\0';
	if (crypto_sha256(in, len, md) == -1)
		return -1;
	hex_encode(md, sizeof(md), hex);
	return 0;
}

int
crypto_hmac_sha256(const void *key, size_t keylen, const void *in, size_t len,
    unsigned char md[CRYPTO_SHA256_LEN])
{
	unsigned int	 n = 0;

	if (keylen > 0x7fffffff ||
	    HMAC(EVP_sha256(), key, (int)keylen, in, len, md, &n) == NULL ||
	    n != CRYPTO_SHA256_LEN) {
		ssl_fail("HMAC");
		return -1;
	}
	return 0;
}

int
crypto_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

void
crypto_wipe(void *p, size_t len)
{
	if (p != NULL)
		OPENSSL_cleanse(p, len);
}
