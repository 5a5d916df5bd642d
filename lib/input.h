/* input.h: checking a request's query and JSON body against the route's declared inputs. */
#ifndef STREAMIFY_INPUT_H
#define STREAMIFY_INPUT_H

#include <cjson/cJSON.h>

#include "route.h"
#include "uri.h"

#define INPUT_MAX	16	/* declared inputs of one route */

/* The checked value of one declared input. */
struct in_value {
	int		 present;	/* given (for body fields: also when null) */
	int		 is_null;	/* a body field given as JSON null */
	long long	 i;		/* IN_INT, IN_BOOL, IN_KEY given as an id */
	double		 n;		/* IN_NUM (and IN_INT) */
	const char	*s;		/* IN_STR, IN_KEY given as a string: points into the query or the body */
};

/*
 * Parse a JSON body of len bytes (need not be NUL-terminated). Returns the
 * object, or NULL when it is not valid UTF-8 JSON with an object at the top
 * (or nesting deeper than 32). The caller frees it with cJSON_Delete.
 */
cJSON	*input_parse_body(const char *body, size_t len);

/*
 * Check query and body (body may be NULL) against inputs, filling vals
 * (INPUT_MAX entries, in the order of inputs). Returns NULL when every
 * input is valid, else an object of field name -> problem that the caller
 * owns and sends as "fields". A body with a repeated member name in any
 * of its objects is refused as a whole: the only problem is then "body".
 */
cJSON	*input_check(const struct input *inputs, const struct uri_query *query,
	    const cJSON *body, struct in_value *vals);

#endif
