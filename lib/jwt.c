/* jwt.c: access tokens: JSON Web Tokens signed with HMAC-SHA256, and nothing else. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "crypto.h"
#include "json.h"
#include "jwt.h"

#define JWT_HEADER	"{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
#define IAT_LEEWAY	60	/* seconds a clock may run ahead of ours */

/*
 * A JSON number that is a whole number within [min, max]; else -1 is
 * returned. The bounds are checked before the conversion: a double outside
 * the range of long long must never be converted.
 */
static int
get_int(const cJSON *obj, const char *name, long long min, long long max, long long *out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
	    v->valuedouble < (double)min || v->valuedouble > (double)max ||
	    v->valuedouble != floor(v->valuedouble))
		return -1;
	*out = (long long)v->valuedouble;
	return 0;
}

/* Whether obj's string member name equals want. */
static int
str_is(const cJSON *obj, const char *name, const char *want)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) && v->valuestring != NULL && strcmp(v->valuestring, want) == 0;
}

/* Whether aud (a string or an array of strings) names want. */
static int
aud_has(const cJSON *obj, const char *want)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, "aud"), *e;

	if (cJSON_IsString(v))
		return strcmp(v->valuestring, want) == 0;
	if (!cJSON_IsArray(v))
		return 0;
	cJSON_ArrayForEach(e, v)
		if (cJSON_IsString(e) && strcmp(e->valuestring, want) == 0)
			return 1;
	return 0;
}

/*
 * Decode one base64url part into a NUL-terminated JSON object. Returns it,
 * or NULL when it is malformed or repeats a member name (two readers could
 * take different values of it, "alg" or "sub" above all).
 */
static cJSON *
part_json(const char *s, size_t len)
{
	unsigned char	 buf[JWT_MAX];
	const char	*key;
	cJSON		*j;
	int		 n;

	if ((n = crypto_b64url_decode(s, len, buf, sizeof(buf) - 1)) <= 0)
		return NULL;
	buf[n] = '\0';
	if (memchr(buf, '\0', (size_t)n) != NULL)
		return NULL;
	if ((j = cJSON_ParseWithOpts((const char *)buf, NULL, 1)) != NULL &&
	    json_duplicate_key(j, &key) != 0) {
		cJSON_Delete(j);
		return NULL;
	}
	return j;
}

enum jwt_rc
jwt_sign(struct jwt_claims *c, const char *iss, const char *aud,
    const unsigned char *key, size_t keylen, char *out)
{
	cJSON		*payload = NULL;
	char		*text = NULL, sub[24];
	unsigned char	 raw[16], md[CRYPTO_SHA256_LEN];
	size_t		 off, len;
	int		 n;
	enum jwt_rc	 rc = JWT_ERROR;

	out[0] = '\0';
	if (keylen < JWT_KEY_MIN)
		return JWT_ERROR;
	if (c->jti[0] == '\0') {
		if (crypto_random(raw, sizeof(raw)) == -1)
			return JWT_ERROR;
		crypto_b64url_encode(raw, sizeof(raw), c->jti, sizeof(c->jti));
	}
	snprintf(sub, sizeof(sub), "%lld", c->sub);
	if ((payload = cJSON_CreateObject()) == NULL ||
	    cJSON_AddStringToObject(payload, "iss", iss) == NULL ||
	    cJSON_AddStringToObject(payload, "aud", aud) == NULL ||
	    cJSON_AddStringToObject(payload, "sub", sub) == NULL ||
	    cJSON_AddNumberToObject(payload, "sid", (double)c->sid) == NULL ||
	    cJSON_AddNumberToObject(payload, "iat", (double)c->iat) == NULL ||
	    cJSON_AddNumberToObject(payload, "exp", (double)c->exp) == NULL ||
	    cJSON_AddStringToObject(payload, "jti", c->jti) == NULL ||
	    (text = cJSON_PrintUnformatted(payload)) == NULL)
		goto out;
	if ((n = crypto_b64url_encode(JWT_HEADER, strlen(JWT_HEADER), out, JWT_MAX)) < 0)
		goto out;
	off = (size_t)n;
	out[off++] = '.';
	len = strlen(text);
	if ((n = crypto_b64url_encode(text, len, out + off, JWT_MAX - off)) < 0)
		goto out;
	off += (size_t)n;
	if (crypto_hmac_sha256(key, keylen, out, off, md) == -1)
		goto out;
	out[off++] = '.';
	if (off >= JWT_MAX || crypto_b64url_encode(md, sizeof(md), out + off, JWT_MAX - off) < 0)
		goto out;
	rc = JWT_OK;
out:
	if (rc != JWT_OK)
		out[0] = '\0';
	free(text);
	cJSON_Delete(payload);
	return rc;
}

enum jwt_rc
jwt_verify(const char *token, const char *iss, const char *aud,
    const unsigned char *key, size_t keylen, long long now, struct jwt_claims *c)
{
	const char	*d1, *d2, *end;
	const cJSON	*v;
	cJSON		*header = NULL, *payload = NULL;
	unsigned char	 sig[CRYPTO_SHA256_LEN + 1], md[CRYPTO_SHA256_LEN];
	size_t		 len;
	char		*tail;
	enum jwt_rc	 rc = JWT_INVALID;

	memset(c, 0, sizeof(*c));
	if (token == NULL || keylen < JWT_KEY_MIN || (len = strlen(token)) >= JWT_MAX)
		return JWT_INVALID;
	end = token + len;
	if ((d1 = strchr(token, '.')) == NULL || (d2 = strchr(d1 + 1, '.')) == NULL ||
	    strchr(d2 + 1, '.') != NULL)
		return JWT_INVALID;
	/* The algorithm is pinned: HS256 exactly, nothing the header could ask for instead. */
	if ((header = part_json(token, (size_t)(d1 - token))) == NULL ||
	    !cJSON_IsObject(header) || !str_is(header, "alg", "HS256") ||
	    cJSON_GetObjectItemCaseSensitive(header, "crit") != NULL)
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(header, "typ")) != NULL &&
	    !str_is(header, "typ", "JWT"))
		goto out;
	if (crypto_b64url_decode(d2 + 1, (size_t)(end - d2 - 1), sig, sizeof(sig)) !=
	    CRYPTO_SHA256_LEN)
		goto out;
	if (crypto_hmac_sha256(key, keylen, token, (size_t)(d2 - token), md) == -1) {
		rc = JWT_ERROR;
		goto out;
	}
	if (!crypto_equal(sig, md, CRYPTO_SHA256_LEN))
		goto out;
	/* Signed by us: now the claims. */
	if ((payload = part_json(d1 + 1, (size_t)(d2 - d1 - 1))) == NULL ||
	    !cJSON_IsObject(payload) || !str_is(payload, "iss", iss) || !aud_has(payload, aud))
		goto out;
	v = cJSON_GetObjectItemCaseSensitive(payload, "sub");
	if (!cJSON_IsString(v) || v->valuestring[0] < '1' || v->valuestring[0] > '9' ||
	    strlen(v->valuestring) > 18)
		goto out;
	c->sub = strtoll(v->valuestring, &tail, 10);
	if (*tail != '\0' || c->sub <= 0)
		goto out;
	if (get_int(payload, "sid", 1, 1LL << 53, &c->sid) == -1 ||
	    get_int(payload, "iat", 0, 1LL << 40, &c->iat) == -1 ||
	    get_int(payload, "exp", 0, 1LL << 40, &c->exp) == -1 ||
	    c->iat > now + IAT_LEEWAY)
		goto out;
	v = cJSON_GetObjectItemCaseSensitive(payload, "jti");
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= sizeof(c->jti))
		goto out;
	snprintf(c->jti, sizeof(c->jti), "%s", v->valuestring);
	rc = c->exp > now ? JWT_OK : JWT_EXPIRED;
out:
	crypto_wipe(md, sizeof(md));
	cJSON_Delete(header);
	cJSON_Delete(payload);
	if (rc != JWT_OK && rc != JWT_EXPIRED) {
		memset(c, 0, sizeof(*c));
	}
	return rc;
}
