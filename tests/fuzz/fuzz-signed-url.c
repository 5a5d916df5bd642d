/* fuzz-signed-url.c: libFuzzer target for the media URL check (lib/signed_url.c): one spelling per grant. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signed_url.h"

#define NOW	1800000000LL

static const unsigned char	 key[32] = "fuzz-key-fuzz-key-fuzz-key-fuzz-";

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Check one URI: when it is accepted, it must be exactly the URL that
 * signed_url_make writes for its path, user and expiry (any other
 * spelling would be a second URL for one grant).
 */
static void
check(const char *uri)
{
	char		 again[8192], *path;
	const char	*q;
	long long	 user = -1, u = 0, e = 0;
	int		 rc;

	rc = signed_url_verify(key, sizeof(key), uri, NOW, &user);
	if (rc == SIGNED_URL_BAD)
		return;
	if ((rc != SIGNED_URL_OK && rc != SIGNED_URL_EXPIRED) ||
	    (q = strchr(uri, '?')) == NULL || sscanf(q, "?u=%lld&e=%lld&s=", &u, &e) != 2 ||
	    u <= 0 || (rc == SIGNED_URL_OK) != (e > NOW) || (rc == SIGNED_URL_OK && user != u))
		abort();
	if ((path = strndup(uri, (size_t)(q - uri))) == NULL)
		return;
	if (signed_url_make(key, sizeof(key), path, u, e, again, sizeof(again)) == -1 ||
	    strcmp(again, uri) != 0)
		abort();
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *nl, *nl2, url[8192], enc[4096];
	long long	 user, e;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	/* As it came: mostly malformed, sometimes a signature-shaped guess. */
	check(s);
	/*
	 * "path\nuser\nexpiry": a URL signed here, so the checks after the HMAC
	 * run too, then variants of it that must all be refused or be the same.
	 */
	if ((nl = strchr(s, '\n')) != NULL && (nl2 = strchr(nl + 1, '\n')) != NULL) {
		*nl = *nl2 = '\0';
		user = strtoll(nl + 1, NULL, 10);
		e = strtoll(nl2 + 1, NULL, 10);
		if (signed_url_encode_path(s, enc, sizeof(enc) - 1) == 0) {
			memmove(enc + 1, enc, strlen(enc) + 1);
			enc[0] = '/';
			if (signed_url_make(key, sizeof(key), enc, user, e, url, sizeof(url)) == 0) {
				check(url);
				if (user > 0 && user < 1000000000000000000LL && e > NOW &&
				    e < 1000000000000000000LL && signed_url_verify(key, sizeof(key),
				    url, NOW, NULL) != SIGNED_URL_OK)
					abort();	/* our own URL must pass */
			}
		}
		if (signed_url_make(key, sizeof(key), s, user, e, url, sizeof(url)) == 0)
			check(url);
		snprintf(url, sizeof(url), "%s?u=0%lld&e=%lld&s=", s, user, e);
		check(url);
	}
	free(s);
	return 0;
}
