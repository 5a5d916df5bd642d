/* test-resp.c: the envelopes, ETags and If-None-Match. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "config.h"
#include "resp.h"

START_TEST(envelopes)
{
	struct resp	 w;

	memset(&w, 0, sizeof(w));
	resp_reset(&w);
	ck_assert_int_eq(resp_data(&w, 201, cJSON_CreateNumber(1)), 201);
	ck_assert_str_eq(w.body, "{\"success\":true,\"data\":1}");
	ck_assert_int_eq(resp_page(&w, cJSON_CreateArray(), 2, 20, 41), 200);
	ck_assert_str_eq(w.body, "{\"success\":true,\"results\":[],\"page\":2,\"per_page\":20,"
	    "\"total_results\":41,\"total_pages\":3}");
	ck_assert_int_eq(resp_error(&w, 404, NULL, NULL), 404);
	ck_assert_str_eq(w.body, "{\"success\":false,\"error\":\"not_found\","
	    "\"message\":\"There is no such resource.\"}");
	ck_assert_int_eq(resp_field(&w, "page", "must be an integer"), 400);
	ck_assert_ptr_nonnull(strstr(w.body, "\"fields\":{\"page\":\"must be an integer\"}"));
	resp_reset(&w);
	free(w.body);
}
END_TEST

START_TEST(retry_after)
{
	struct resp	 w;

	memset(&w, 0, sizeof(w));
	config.db_retry_after = 2;
	resp_error(&w, 503, NULL, NULL);
	ck_assert_int_eq(w.retry_after, 2);
	ck_assert_ptr_nonnull(strstr(w.body, "\"error\":\"unavailable\""));
	resp_reset(&w);
	resp_error(&w, 429, NULL, NULL);
	ck_assert_int_gt(w.retry_after, 0);
	resp_reset(&w);
	resp_error(&w, 401, NULL, NULL);
	ck_assert_ptr_nonnull(w.www_error);
	resp_reset(&w);
}
END_TEST

START_TEST(etags)
{
	struct resp	 w;
	char		 first[24];

	memset(&w, 0, sizeof(w));
	resp_data(&w, 200, cJSON_CreateString("a"));
	resp_set_etag(&w);
	strcpy(first, w.etag);
	ck_assert_int_eq(strlen(first), 18);
	ck_assert_int_eq(resp_etag_match(first, first), 1);
	ck_assert_int_eq(resp_etag_match("\"x\", W/", first), 0);
	{
		char	 list[64];

		snprintf(list, sizeof(list), "\"x\", W/%s", first);
		ck_assert_int_eq(resp_etag_match(list, first), 1);
	}
	ck_assert_int_eq(resp_etag_match("*", first), 1);
	ck_assert_int_eq(resp_etag_match(NULL, first), 0);
	resp_data(&w, 200, cJSON_CreateString("b"));
	resp_set_etag(&w);
	ck_assert_str_ne(w.etag, first);
	resp_reset(&w);
}
END_TEST

CHECK_MAIN("resp", envelopes, retry_after, etags)
