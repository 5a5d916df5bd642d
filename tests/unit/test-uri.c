/* test-uri.c: percent-decoding, query strings and API paths. */
#include <string.h>

#include "check_main.h"
#include "uri.h"

START_TEST(decode_plain_and_escapes)
{
	char	 out[64];

	ck_assert_int_eq(uri_decode(out, "a%20b+c", 7, 1), 5);
	ck_assert_str_eq(out, "a b c");
	ck_assert_int_eq(uri_decode(out, "a+b", 3, 0), 3);
	ck_assert_str_eq(out, "a+b");
	ck_assert_int_eq(uri_decode(out, "%C3%A9", 6, 0), 2);
	ck_assert_str_eq(out, "\xc3\xa9");
}
END_TEST

START_TEST(decode_rejects_bad_escapes)
{
	char	 out[64];

	ck_assert_int_eq(uri_decode(out, "%", 1, 0), -1);
	ck_assert_int_eq(uri_decode(out, "%4", 2, 0), -1);
	ck_assert_int_eq(uri_decode(out, "%zz", 3, 0), -1);
	ck_assert_int_eq(uri_decode(out, "a%00b", 5, 0), -1);
}
END_TEST

START_TEST(query_parse)
{
	struct uri_query	 q;

	ck_assert_int_eq(uri_query_parse(&q, "page=2&q=spider+man&&flag&e="), 0);
	ck_assert_uint_eq(q.n, 4);
	ck_assert_str_eq(uri_query_get(&q, "page"), "2");
	ck_assert_str_eq(uri_query_get(&q, "q"), "spider man");
	ck_assert_str_eq(uri_query_get(&q, "flag"), "");
	ck_assert_str_eq(uri_query_get(&q, "e"), "");
	ck_assert_ptr_null(uri_query_get(&q, "missing"));
	uri_query_free(&q);
	ck_assert_int_eq(uri_query_parse(&q, ""), 0);
	ck_assert_uint_eq(q.n, 0);
	ck_assert_int_eq(uri_query_parse(&q, NULL), 0);
	ck_assert_int_eq(uri_query_parse(&q, "a=%zz"), -1);
	ck_assert_ptr_null(q.buf);
}
END_TEST

START_TEST(query_too_many)
{
	struct uri_query	 q;
	char			 qs[1024] = "";
	int			 i;

	for (i = 0; i < URI_MAX_PARAMS + 1; i++)
		strcat(qs, "a=1&");
	ck_assert_int_eq(uri_query_parse(&q, qs), -1);
}
END_TEST

START_TEST(api_paths)
{
	char	 p[128];

	ck_assert_int_eq(uri_api_path("/api/movies/12?x=1", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/movies/12");
	ck_assert_int_eq(uri_api_path("/api/v1/movies/12/", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/movies/12");
	ck_assert_int_eq(uri_api_path("/api", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/");
	ck_assert_int_eq(uri_api_path("/api/v1", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/");
	ck_assert_int_eq(uri_api_path("/api/v12/x", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/v12/x");
	ck_assert_int_eq(uri_api_path("/apix/movies", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/movies", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/api/movies/../profile", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/api/movies//1", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/api/%2e%2e/x", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/api/a%00b", p, sizeof(p)), -1);
	ck_assert_int_eq(uri_api_path("/api/health", p, 5), -1);
}
END_TEST

CHECK_MAIN("uri", decode_plain_and_escapes, decode_rejects_bad_escapes, query_parse,
    query_too_many, api_paths)
