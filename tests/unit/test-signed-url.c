/* test-signed-url.c: signing, verifying and tampering with play URLs. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "signed_url.h"

static const unsigned char	 key[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char	 other[32] = "fedcba9876543210fedcba9876543210";

#define NOW	1800000000LL

START_TEST(sign_is_stable_and_sized)
{
	char	 a[SIGNED_URL_SIGLEN + 1], b[SIGNED_URL_SIGLEN + 1];

	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp4", 7, NOW, a), 0);
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp4", 7, NOW, b), 0);
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(strlen(a), SIGNED_URL_SIGLEN);
	ck_assert_uint_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_"), SIGNED_URL_SIGLEN);
	/* Every input changes it. */
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp5", 7, NOW, b), 0);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp4", 8, NOW, b), 0);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp4", 7, NOW + 1, b), 0);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(signed_url_sign(other, sizeof(other), "/media/sample.mp4", 7, NOW, b), 0);
	ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(sign_matches_hmac_sha256)
{
	char	 sig[SIGNED_URL_SIGLEN + 1];

	/*
	 * python3 -c 'import hmac,hashlib,base64; print(base64.urlsafe_b64encode(hmac.new(
	 * b"0123456789abcdef0123456789abcdef", b"/media/sample.mp4\n7\n1800000000",
	 * hashlib.sha256).digest()).rstrip(b"=").decode())'
	 */
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/media/sample.mp4", 7, NOW, sig), 0);
	ck_assert_str_eq(sig, "aeFuG8dixEKIbrwbRWZo9f6BqhKRLlGA_uG8OWjEJLM");
}
END_TEST

START_TEST(sign_rejects_short_keys_and_empty_paths)
{
	char	 sig[SIGNED_URL_SIGLEN + 1];

	ck_assert_int_eq(signed_url_sign(key, 16, "/media/a", 1, NOW, sig), -1);
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "", 1, NOW, sig), -1);
	ck_assert_int_eq(signed_url_sign(NULL, 32, "/media/a", 1, NOW, sig), -1);
}
END_TEST

START_TEST(make_then_verify)
{
	char		 url[512];
	long long	 user = 0;

	ck_assert_int_eq(signed_url_make(key, sizeof(key), "/media/sample.mp4", 42, NOW + 60,
	    url, sizeof(url)), 0);
	ck_assert_int_eq(strncmp(url, "/media/sample.mp4?u=42&e=1800000060&s=", 38), 0);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, &user), SIGNED_URL_OK);
	ck_assert_int_eq(user, 42);
	/* Too small a buffer. */
	ck_assert_int_eq(signed_url_make(key, sizeof(key), "/media/sample.mp4", 42, NOW,
	    url, 20), -1);
}
END_TEST

START_TEST(verify_expired)
{
	char	 url[512];

	ck_assert_int_eq(signed_url_make(key, sizeof(key), "/media/a.mp4", 1, NOW, url,
	    sizeof(url)), 0);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_EXPIRED);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW + 1, NULL),
	    SIGNED_URL_EXPIRED);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW - 1, NULL), SIGNED_URL_OK);
}
END_TEST

START_TEST(verify_tampered)
{
	char	 url[512], bad[512], *s;

	ck_assert_int_eq(signed_url_make(key, sizeof(key), "/media/a.mp4", 5, NOW + 100, url,
	    sizeof(url)), 0);
	/* Another key. */
	ck_assert_int_eq(signed_url_verify(other, sizeof(other), url, NOW, NULL), SIGNED_URL_BAD);
	/* One signature character changed. */
	strcpy(bad, url);
	s = strstr(bad, "&s=") + 3;
	s[5] = s[5] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), bad, NOW, NULL), SIGNED_URL_BAD);
	/* Another path, user, or expiry with the same signature. */
	strcpy(bad, url);
	bad[8] = 'b';
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), bad, NOW, NULL), SIGNED_URL_BAD);
	strcpy(bad, url);
	s = strstr(bad, "u=5");
	s[2] = '6';
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), bad, NOW, NULL), SIGNED_URL_BAD);
	strcpy(bad, url);
	strstr(bad, "e=1800000100")[11] = '9';
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), bad, NOW, NULL), SIGNED_URL_BAD);
	/* A truncated signature. */
	strcpy(bad, url);
	bad[strlen(bad) - 1] = '\0';
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), bad, NOW, NULL), SIGNED_URL_BAD);
}
END_TEST

START_TEST(verify_malformed)
{
	char	 url[512], sig[SIGNED_URL_SIGLEN + 1];

	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/m", 1, NOW + 10, sig), 0);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), NULL, NOW, NULL), SIGNED_URL_BAD);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), "/m", NOW, NULL), SIGNED_URL_BAD);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), "/m?", NOW, NULL), SIGNED_URL_BAD);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), "/m?u=1&e=1800000010", NOW, NULL),
	    SIGNED_URL_BAD);
	/* Good, then with a parameter repeated, a sign, or an extra parameter. */
	snprintf(url, sizeof(url), "/m?u=1&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_OK);
	snprintf(url, sizeof(url), "/m?u=1&u=1&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);
	snprintf(url, sizeof(url), "/m?u=+1&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);
	snprintf(url, sizeof(url), "/m?u=1&e=1800000010&s=%s&s=%s", sig, sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);
	snprintf(url, sizeof(url), "/m?u=1&e=1800000010&s=%s&start=10", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);
	snprintf(url, sizeof(url), "?u=1&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);
}
END_TEST

/* Every other spelling of a good URL's values is refused, however well signed. */
START_TEST(verify_canonical_only)
{
	char		 sig[SIGNED_URL_SIGLEN + 1], url[512];
	const char	*bad[] = {
		"/m?u=07&e=1800000010&s=%s",		/* a leading zero in the user */
		"/m?u=7&e=01800000010&s=%s",		/* a leading zero in the expiry */
		"/m?u=0007&e=001800000010&s=%s",
		"/m?e=1800000010&u=7&s=%s",		/* another order */
		"/m?s=%s&u=7&e=1800000010",
		"/m?u=7&e=1800000010&x=1&s=%s",		/* a parameter more, anywhere */
		"/m?x=1&u=7&e=1800000010&s=%s",
		"/m?u=7&e=1800000010&s=%s&",
		"/m?u=7&e=1800000010&s=%s#t=10",
		"/m?u=%%37&e=1800000010&s=%s",		/* an escaped digit */
		"/m?%%75=7&e=1800000010&s=%s",		/* an escaped name */
		"/m?u=+7&e=1800000010&s=%s",
		"/m?u=7&&e=1800000010&s=%s",
		"/m?u=7&e=1800000010.0&s=%s",
		"/m?u=7&e=18000000100000000000&s=%s",	/* too long a number */
		"/m?u=7&e=1800000010&s=%s=",
		"/m?u=7&e=1800000010&s==%s",
		"/m?u=7&e=1800000010&s=%s ",
		"/m?u=7&e=1800000010&s=%s\n",
		"/m?U=7&e=1800000010&s=%s",
	};
	size_t		 i;

	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/m", 7, NOW + 10, sig), 0);
	snprintf(url, sizeof(url), "/m?u=7&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_OK);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		str_fill(url, sizeof(url), bad[i], sig);
		ck_assert_msg(signed_url_verify(key, sizeof(key), url, NOW, NULL) == SIGNED_URL_BAD,
		    "accepted %s", url);
	}
	/* u=0 and e=0 are never made: refused even when signed. */
	ck_assert_int_eq(signed_url_sign(key, sizeof(key), "/m", 0, NOW + 10, sig), 0);
	snprintf(url, sizeof(url), "/m?u=0&e=1800000010&s=%s", sig);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_BAD);

	/*
	 * The path as signed_url_encode_path spells it: "%C3%A9" is the one way;
	 * lowercase hex, a kept byte escaped ("%2E") or a byte left raw are others,
	 * even when the signature covers exactly those bytes.
	 */
	ck_assert_int_eq(signed_url_encode_path("m/L\xc3\xa9on.mp4", url, sizeof(url)), 0);
	ck_assert_str_eq(url, "m/L%C3%A9on.mp4");
	ck_assert_int_eq(signed_url_make(key, sizeof(key), "/m/L%C3%A9on.mp4", 7, NOW + 10, url,
	    sizeof(url)), 0);
	ck_assert_int_eq(signed_url_verify(key, sizeof(key), url, NOW, NULL), SIGNED_URL_OK);
	{
		const char	*paths[] = { "/m/L%c3%a9on.mp4", "/m/L%C3%A9on%2Emp4",
		    "/m/L\xc3\xa9on.mp4", "/m/a b.mp4", "/m/%41.mp4", "/m/a%2", "/m/a%",
		    "/m/%2F.mp4", "/m/a%G0" };

		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			ck_assert_int_eq(signed_url_make(key, sizeof(key), paths[i], 7, NOW + 10,
			    url, sizeof(url)), 0);
			ck_assert_msg(signed_url_verify(key, sizeof(key), url, NOW, NULL) ==
			    SIGNED_URL_BAD, "accepted path %s", paths[i]);
		}
	}
}
END_TEST

START_TEST(encode_path)
{
	char	 out[64];

	ck_assert_int_eq(signed_url_encode_path("sample.mp4", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "sample.mp4");
	ck_assert_int_eq(signed_url_encode_path("a dir/L\xc3\xa9on?.mp4", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "a%20dir/L%C3%A9on%3F.mp4");
	ck_assert_int_eq(signed_url_encode_path("../etc/passwd", out, sizeof(out)), -1);
	ck_assert_int_eq(signed_url_encode_path("a/./b", out, sizeof(out)), -1);
	ck_assert_int_eq(signed_url_encode_path("a/..", out, sizeof(out)), -1);
	ck_assert_int_eq(signed_url_encode_path("/abs", out, sizeof(out)), -1);
	ck_assert_int_eq(signed_url_encode_path("", out, sizeof(out)), -1);
	ck_assert_int_eq(signed_url_encode_path("a..b/c", out, sizeof(out)), 0);
	ck_assert_int_eq(signed_url_encode_path("abcdef", out, 4), -1);
}
END_TEST

CHECK_MAIN("signed_url", sign_is_stable_and_sized, sign_matches_hmac_sha256,
    sign_rejects_short_keys_and_empty_paths, make_then_verify, verify_expired, verify_tampered,
    verify_malformed, verify_canonical_only, encode_path)
