/* test-input.c: JSON bodies and query parameters checked against declared inputs. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "input.h"
#include "json.h"

static const struct input inputs[] = {
	{ ARG_NAME, IN_BODY, IN_STR, IN_REQUIRED, 1, 5 },
	{ ARG_COUNT, IN_BODY, IN_INT, 0, 1, 100 },
	{ ARG_SCORE, IN_BODY, IN_NUM, IN_NULLABLE, 0.5, 5 },
	{ ARG_FLAG, IN_BODY, IN_BOOL, 0, 0, 0 },
	{ ARG_PAGE, IN_QUERY, IN_INT, 0, 1, 1000 },
	{ ARG_NONE }
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

/* The only problem of a body with a repeated key is "body"; NULL when there is none. */
static const char *
dup_problem(const char *body)
{
	static char	 msg[200];
	struct in_value	 v[INPUT_MAX];
	cJSON		*f, *b;

	f = check(body, "", v);
	if (f == NULL)
		return NULL;
	b = cJSON_GetObjectItem(f, "body");
	snprintf(msg, sizeof(msg), "%s", b != NULL ? b->valuestring : "(other problems)");
	ck_assert_int_eq(cJSON_GetArraySize(f), b != NULL ? 1 : cJSON_GetArraySize(f));
	cJSON_Delete(f);
	return b != NULL ? msg : NULL;
}

START_TEST(duplicate_keys)
{
	char		 big[4096];
	const char	*p;
	size_t		 off;
	int		 i;

	/* At the top, the first of them valid and the second not, or the other way round. */
	ck_assert_ptr_nonnull(p = dup_problem("{\"name\":\"a\",\"name\":\"b\"}"));
	ck_assert_str_eq(p, "must not repeat a key (\"name\" appears twice in one object)");
	ck_assert_ptr_nonnull(dup_problem("{\"name\":\"a\",\"count\":1,\"count\":500}"));
	ck_assert_ptr_nonnull(dup_problem("{\"count\":500,\"name\":\"a\",\"count\":1}"));
	/* Spelled differently but the same after unescaping. */
	ck_assert_ptr_nonnull(dup_problem("{\"name\":\"a\",\"n\\u0061me\":\"b\"}"));
	/* Deeper: in a nested object, and in an object inside an array. */
	ck_assert_ptr_nonnull(dup_problem("{\"name\":\"a\",\"x\":{\"k\":1,\"k\":2}}"));
	ck_assert_ptr_nonnull(dup_problem("{\"name\":\"a\",\"x\":[1,{\"y\":[{\"k\":1,"
	    "\"j\":0,\"k\":2}]}]}"));
	/* The same name in two different objects, or differing in case, is fine. */
	ck_assert_ptr_null(dup_problem("{\"name\":\"a\",\"x\":{\"name\":1},\"y\":{\"name\":2}}"));
	ck_assert_ptr_null(dup_problem("{\"name\":\"a\",\"Name\":\"b\",\"NAME\":1}"));
	/* An object of many members (sorted, not compared pair by pair): the last one repeats. */
	off = (size_t)snprintf(big, sizeof(big), "{\"name\":\"a\"");
	for (i = 0; i < 200; i++)
		off += (size_t)snprintf(big + off, sizeof(big) - off, ",\"k%d\":%d", i, i);
	snprintf(big + off, sizeof(big) - off, "}");
	ck_assert_ptr_null(dup_problem(big));
	snprintf(big + off, sizeof(big) - off, ",\"k117\":0}");
	ck_assert_ptr_nonnull(p = dup_problem(big));
	ck_assert_str_eq(p, "must not repeat a key (\"k117\" appears twice in one object)");
}
END_TEST

START_TEST(duplicate_key_helper)
{
	const char	*key = "unset";
	cJSON		*j;

	ck_assert_int_eq(json_duplicate_key(NULL, &key), 0);
	ck_assert_ptr_null(key);
	ck_assert_ptr_nonnull(j = cJSON_Parse("[{\"a\":1},{\"a\":2},[{\"b\":[],\"b\":{}}]]"));
	ck_assert_int_eq(json_duplicate_key(j, &key), 1);
	ck_assert_str_eq(key, "b");
	cJSON_Delete(j);
	ck_assert_ptr_nonnull(j = cJSON_Parse("{\"\":1,\"\":2}"));
	ck_assert_int_eq(json_duplicate_key(j, &key), 1);
	ck_assert_str_eq(key, "");
	cJSON_Delete(j);
}
END_TEST

/* IN_KEY: a string within its bounds, or a positive whole number (an id). */
START_TEST(key_inputs)
{
	static const struct input kin[] = {
		{ ARG_PLAN, IN_BODY, IN_KEY, IN_REQUIRED, 1, 8 },
		{ ARG_Q, IN_QUERY, IN_KEY, 0, 1, 8 },
		{ ARG_NONE }
	};
	static const struct {
		const char	*body;
		int		 good;
		long long	 id;		/* 0: a string */
	} cases[] = {
		{ "{\"plan\":\"basic\"}", 1, 0 },
		{ "{\"plan\":\"2\"}", 1, 0 },
		{ "{\"plan\":2}", 1, 2 },
		{ "{\"plan\":9007199254740991}", 1, 9007199254740991LL },
		{ "{\"plan\":2.0}", 1, 2 },
		{ "{\"plan\":2.5}", 0, 0 },
		{ "{\"plan\":0}", 0, 0 },
		{ "{\"plan\":-1}", 0, 0 },
		{ "{\"plan\":1e300}", 0, 0 },
		{ "{\"plan\":\"\"}", 0, 0 },
		{ "{\"plan\":\"ninechars\"}", 0, 0 },
		{ "{\"plan\":true}", 0, 0 },
		{ "{\"plan\":null}", 0, 0 },
		{ "{\"plan\":[2]}", 0, 0 },
		{ "{}", 0, 0 },
	};
	struct in_value		 v[INPUT_MAX];
	struct uri_query	 q;
	cJSON			*json, *f;
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(uri_query_parse(&q, "q=12"), 0);
		ck_assert_ptr_nonnull(json = input_parse_body(cases[i].body, strlen(cases[i].body)));
		f = input_check(kin, &q, json, v);
		ck_assert_msg((f == NULL) == cases[i].good, "%s: %s", cases[i].body,
		    f ? "refused" : "taken");
		if (f == NULL && cases[i].id == 0)
			ck_assert_ptr_nonnull(v[0].s);
		if (f == NULL && cases[i].id != 0) {
			ck_assert_ptr_null(v[0].s);
			ck_assert_int_eq(v[0].i, cases[i].id);
		}
		if (f != NULL)
			ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "plan"));
		/* In a query a key is always text. */
		ck_assert_str_eq(v[1].s, "12");
		cJSON_Delete(f);
		cJSON_Delete(json);
		uri_query_free(&q);
	}
}
END_TEST

CHECK_MAIN("input", parse_body, valid_inputs, wrong_types_name_fields, bounds_and_missing,
    duplicate_keys, duplicate_key_helper, key_inputs)
