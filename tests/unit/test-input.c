/* test-input.c: JSON bodies and query parameters checked against declared inputs. */
#include <string.h>

#include "check_main.h"
#include "input.h"

static const struct input inputs[] = {
	{ "name", IN_BODY, IN_STR, IN_REQUIRED, 1, 5 },
	{ "count", IN_BODY, IN_INT, 0, 1, 100 },
	{ "score", IN_BODY, IN_NUM, IN_NULLABLE, 0.5, 5 },
	{ "flag", IN_BODY, IN_BOOL, 0, 0, 0 },
	{ "page", IN_QUERY, IN_INT, 0, 1, 1000 },
	{ NULL }
};

static cJSON *
check(const char *body, const char *qs, struct in_value *v)
{
	static struct uri_query	 q;	/* kept until the next call: values point into them */
	static cJSON		*json;

	cJSON_Delete(json);
	uri_query_free(&q);
	json = body ? input_parse_body(body, strlen(body)) : NULL;
	ck_assert_int_eq(uri_query_parse(&q, qs), 0);
	return input_check(inputs, &q, json, v);
}

START_TEST(parse_body)
{
	cJSON	*j;
	char	 deep[200];
	int	 i;

	ck_assert_ptr_nonnull(j = input_parse_body("{\"a\":1} \n", 9));
	cJSON_Delete(j);
	ck_assert_ptr_null(input_parse_body("[1,2]", 5));
	ck_assert_ptr_null(input_parse_body("{\"a\":1} x", 9));
	ck_assert_ptr_null(input_parse_body("{\"a\":", 5));
	ck_assert_ptr_null(input_parse_body("{\"a\":\"\xff\"}", 8));
	ck_assert_ptr_null(input_parse_body("", 0));
	for (i = 0; i < 40; i++)
		deep[i] = '[';
	strcpy(deep + 40, "1");
	ck_assert_ptr_null(input_parse_body(deep, strlen(deep)));
}
END_TEST

START_TEST(valid_inputs)
{
	struct in_value	 v[INPUT_MAX];
	cJSON		*f;

	f = check("{\"name\":\"L\xc3\xa9on\",\"count\":3,\"score\":4.5,\"flag\":true,\"extra\":[]}",
	    "page=2", v);
	ck_assert_ptr_null(f);
	ck_assert_str_eq(v[0].s, "L\xc3\xa9on");
	ck_assert_int_eq(v[1].i, 3);
	ck_assert_double_eq(v[2].n, 4.5);
	ck_assert_int_eq(v[3].i, 1);
	ck_assert_int_eq(v[4].i, 2);
	f = check("{\"name\":\"x\",\"score\":null}", "", v);
	ck_assert_ptr_null(f);
	ck_assert_int_eq(v[2].present, 1);
	ck_assert_int_eq(v[2].is_null, 1);
	ck_assert_int_eq(v[1].present, 0);
}
END_TEST

START_TEST(wrong_types_name_fields)
{
	struct in_value	 v[INPUT_MAX];
	cJSON		*f;

	f = check("{\"name\":5,\"count\":1.5,\"score\":\"4\",\"flag\":1}", "page=0", v);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(cJSON_GetObjectItem(f, "name")->valuestring, "must be a string");
	ck_assert_str_eq(cJSON_GetObjectItem(f, "count")->valuestring, "must be an integer");
	ck_assert_str_eq(cJSON_GetObjectItem(f, "score")->valuestring, "must be a number");
	ck_assert_str_eq(cJSON_GetObjectItem(f, "flag")->valuestring, "must be true or false");
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "page"));
	cJSON_Delete(f);
}
END_TEST

START_TEST(bounds_and_missing)
{
	struct in_value	 v[INPUT_MAX];
	cJSON		*f;

	f = check("{\"count\":101,\"score\":5.5}", "page=", v);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(cJSON_GetObjectItem(f, "name")->valuestring, "is required");
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "count"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "score"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "page"));
	cJSON_Delete(f);
	f = check("{\"name\":\"toolong\"}", "page=1&page=2", v);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "name"));
	ck_assert_str_eq(cJSON_GetObjectItem(f, "page")->valuestring, "must be given once");
	cJSON_Delete(f);
	f = check("{\"name\":\"\"}", "page=abc", v);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "name"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "page"));
	cJSON_Delete(f);
}
END_TEST

CHECK_MAIN("input", parse_body, valid_inputs, wrong_types_name_fields, bounds_and_missing)
