/* test-cors.c: the origins a cors_origins value lets in, and what is not an origin. */
#include <string.h>

#include "check_main.h"
#include "cors.h"

static int
valid(const char *s)
{
	return cors_origin_valid(s, strlen(s));
}

START_TEST(origin_syntax)
{
	const char	*good[] = { "http://127.0.0.1:8080", "https://app.example.com",
	    "http://localhost", "https://a-b.example:443", "http://[::1]:3000", "http://[::1]",
	    "https://APP.Example.COM" };
	const char	*bad[] = { "", "null", "127.0.0.1:8080", "ftp://x.example", "http://",
	    "http://x.example/", "http://x.example/path", "http://x.example:0",
	    "http://x.example:65536", "http://x.example:08080", "http://x.example:",
	    "http://-x.example", "http://x-.example", "http://x..example", "http://x.example.",
	    "http://x example", "http://x.example\r\nSet-Cookie: a=b", "https://user@x.example",
	    "http://[zz]:80", "http://x.example:80:80" };
	size_t		 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(valid(good[i]), "%s should be an origin", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!valid(bad[i]), "%s should not be an origin", bad[i]);
}
END_TEST

START_TEST(check_setting)
{
	char	 err[256];

	ck_assert_int_eq(cors_check("", err, sizeof(err)), 0);
	ck_assert_int_eq(cors_check("*", err, sizeof(err)), 0);
	ck_assert_int_eq(cors_check("https://a.example, http://127.0.0.1:9000", err, sizeof(err)), 0);
	ck_assert_int_eq(cors_check("https://a.example https://b.example", err, sizeof(err)), 0);
	ck_assert_int_eq(cors_check("https://a.example, https://b.example/", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "https://b.example/"));
	ck_assert_int_eq(cors_check("*, https://a.example", err, sizeof(err)), -1);
	ck_assert_int_eq(cors_check("a.example", err, sizeof(err)), -1);
}
END_TEST

START_TEST(allowed)
{
	const char	*list = "https://a.example, http://127.0.0.1:9000";

	ck_assert(cors_enabled(list));
	ck_assert(!cors_enabled(""));
	ck_assert(!cors_enabled(" , "));
	ck_assert(cors_allowed(list, "https://a.example"));
	ck_assert(cors_allowed(list, "https://A.EXAMPLE"));
	ck_assert(cors_allowed(list, "http://127.0.0.1:9000"));
	ck_assert(!cors_allowed(list, "http://127.0.0.1:900"));
	ck_assert(!cors_allowed(list, "http://127.0.0.1:90000"));
	ck_assert(!cors_allowed(list, "https://a.example.evil.example"));
	ck_assert(!cors_allowed(list, "https://a.exampl"));
	ck_assert(!cors_allowed(list, "http://a.example"));
	ck_assert(!cors_allowed(list, NULL));
	ck_assert(!cors_allowed("", "https://a.example"));
	ck_assert(cors_allowed("*", "https://anything.example:8443"));
	ck_assert(!cors_allowed("*", "null"));
	ck_assert(!cors_allowed("*", "https://x.example/evil"));
}
END_TEST

CHECK_MAIN("cors", origin_syntax, check_setting, allowed)
