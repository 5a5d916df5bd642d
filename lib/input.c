/* input.c: checking a request's query and JSON body against the route's declared inputs. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json.h"
#include "valid.h"

#define INPUT_MAX_DEPTH	32

/* The names of enum arg, by value (args.def). */
static const char *const arg_names[NARGS] = {
	[ARG_NONE] = "",
#define ARG(id, name) [id] = name,
#include "args.def"
#undef ARG
};

const char *
arg_name(enum arg a)
{
	return (unsigned)a < NARGS ? arg_names[a] : "";
}

/* Depth of nesting of a JSON text, counted without parsing. -1 past the limit. */
static int
json_depth_ok(const char *s, size_t len)
{
	size_t	 i;
	int	 depth = 0, in_str = 0;

	for (i = 0; i < len; i++) {
		if (in_str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_str = 0;
			continue;
		}
		if (s[i] == '"')
			in_str = 1;
		else if (s[i] == '{' || s[i] == '[') {
			if (++depth > INPUT_MAX_DEPTH)
				return 0;
		} else if (s[i] == '}' || s[i] == ']')
			depth--;
	}
	return 1;
}

cJSON *
input_parse_body(const char *body, size_t len)
{
	cJSON	*root;
	const char *end = NULL;

	if (body == NULL || len == 0 || valid_utf8(body, len, 1) < 0 ||
	    !json_depth_ok(body, len))
		return NULL;
	root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (root == NULL)
		return NULL;
	/* Nothing but white space may follow the value. */
	while (end != NULL && end < body + len &&
	    (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
		end++;
	if (!cJSON_IsObject(root) || end != body + len) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

static void
problem(cJSON **fields, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(cJSON **fields, const char *name, const char *fmt, ...)
{
	char	 buf[160];
	va_list	 ap;

	if (*fields == NULL && (*fields = cJSON_CreateObject()) == NULL)
		return;
	if (cJSON_HasObjectItem(*fields, name))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(*fields, name, buf);
}

/* Check a number against the bounds of in, reporting in terms of its type. */
static int
check_range(const struct input *in, double v, cJSON **fields)
{
	if (v < in->min || v > in->max) {
		if (in->type == IN_INT)
			problem(fields, arg_name(in->arg), "must be an integer from %.0f to %.0f",
			    in->min, in->max);
		else
			problem(fields, arg_name(in->arg), "must be a number from %g to %g",
			    in->min, in->max);
		return -1;
	}
	return 0;
}

static void
check_string(const struct input *in, const char *s, size_t len, struct in_value *v,
    cJSON **fields)
{
	long	 n = valid_utf8(s, len, in->src == IN_BODY);

	if (n < 0) {
		problem(fields, arg_name(in->arg), "must be valid UTF-8 text without control characters");
		return;
	}
	if (n < (long)in->min || n > (long)in->max) {
		if (in->min == in->max)
			problem(fields, arg_name(in->arg), "must be %.0f characters long", in->min);
		else
			problem(fields, arg_name(in->arg), "must be %.0f to %.0f characters long",
			    in->min, in->max);
		return;
	}
	v->s = s;
}

static void
check_query(const struct input *in, const struct uri_query *q, struct in_value *v,
    cJSON **fields)
{
	const char	*s = NULL;
	size_t		 i, count = 0;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->p[i].key, arg_name(in->arg)) == 0) {
			s = q->p[i].val;
			count++;
		}
	if (count == 0) {
		if (in->flags & IN_REQUIRED)
			problem(fields, arg_name(in->arg), "is required");
		return;
	}
	v->present = 1;
	if (count > 1) {
		problem(fields, arg_name(in->arg), "must be given once");
		return;
	}
	switch (in->type) {
	case IN_INT:
		if (valid_int(s, -9007199254740991LL, 9007199254740991LL, &v->i) == -1) {
			problem(fields, arg_name(in->arg), "must be an integer from %.0f to %.0f",
			    in->min, in->max);
			return;
		}
		v->n = (double)v->i;
		(void)check_range(in, v->n, fields);
		break;
	case IN_NUM:
		if (valid_num(s, -1e300, 1e300, &v->n) == -1) {
			problem(fields, arg_name(in->arg), "must be a number from %g to %g",
			    in->min, in->max);
			return;
		}
		(void)check_range(in, v->n, fields);
		break;
	case IN_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			v->i = 1;
		else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
			v->i = 0;
		else
			problem(fields, arg_name(in->arg), "must be true or false");
		break;
	case IN_STR:
	case IN_KEY:
		check_string(in, s, strlen(s), v, fields);
		break;
	}
}

static void
check_body(const struct input *in, const cJSON *body, struct in_value *v, cJSON **fields)
{
	const cJSON	*item;

	item = body ? cJSON_GetObjectItemCaseSensitive(body, arg_name(in->arg)) : NULL;
	if (item == NULL) {
		if (in->flags & IN_REQUIRED)
			problem(fields, arg_name(in->arg), "is required");
		return;
	}
	v->present = 1;
	if (cJSON_IsNull(item)) {
		v->is_null = 1;
		if (!(in->flags & IN_NULLABLE))
			problem(fields, arg_name(in->arg), (in->flags & IN_REQUIRED) ?
			    "is required" : "must not be null");
		return;
	}
	switch (in->type) {
	case IN_INT:
		if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble) ||
		    item->valuedouble != floor(item->valuedouble) ||
		    fabs(item->valuedouble) > 9007199254740991.0) {
			problem(fields, arg_name(in->arg), "must be an integer");
			return;
		}
		v->n = item->valuedouble;
		v->i = (long long)item->valuedouble;
		(void)check_range(in, v->n, fields);
		break;
	case IN_NUM:
		if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble)) {
			problem(fields, arg_name(in->arg), "must be a number");
			return;
		}
		v->n = item->valuedouble;
		(void)check_range(in, v->n, fields);
		break;
	case IN_BOOL:
		if (!cJSON_IsBool(item)) {
			problem(fields, arg_name(in->arg), "must be true or false");
			return;
		}
		v->i = cJSON_IsTrue(item);
		break;
	case IN_STR:
		if (!cJSON_IsString(item) || item->valuestring == NULL) {
			problem(fields, arg_name(in->arg), "must be a string");
			return;
		}
		check_string(in, item->valuestring, strlen(item->valuestring), v, fields);
		break;
	case IN_KEY:
		if (cJSON_IsString(item) && item->valuestring != NULL) {
			check_string(in, item->valuestring, strlen(item->valuestring), v, fields);
			return;
		}
		if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble) ||
		    item->valuedouble != floor(item->valuedouble) || item->valuedouble < 1 ||
		    item->valuedouble > 9007199254740991.0) {
			problem(fields, arg_name(in->arg), "must be a string or a positive integer id");
			return;
		}
		v->n = item->valuedouble;
		v->i = (long long)item->valuedouble;
		break;
	}
}

cJSON *
input_check(const struct input *inputs, const struct uri_query *query,
    const cJSON *body, struct in_value *vals)
{
	cJSON		*fields = NULL;
	const char	*key;
	size_t		 i;
	int		 dup;

	memset(vals, 0, INPUT_MAX * sizeof(*vals));
	/*
	 * A name twice in one object, at any depth, is refused before anything
	 * is read: the first would win here, the last in many other parsers.
	 */
	if ((dup = json_duplicate_key(body, &key)) != 0) {
		if (dup < 0)
			problem(&fields, "body", "could not be checked (out of memory)");
		else
			problem(&fields, "body", "must not repeat a key (\"%.40s\" appears twice "
			    "in one object)", key);
		return fields;
	}
	for (i = 0; inputs != NULL && i < INPUT_MAX && inputs[i].arg != ARG_NONE; i++) {
		if (inputs[i].src == IN_QUERY)
			check_query(&inputs[i], query, &vals[i], &fields);
		else
			check_body(&inputs[i], body, &vals[i], &fields);
	}
	return fields;
}
