/* cors.h: which browser origins may call the API (setting cors_origins), and what tells them so. */
#ifndef STREAMIFY_CORS_H
#define STREAMIFY_CORS_H

#include <stddef.h>

/* Request headers a browser may send cross-origin (Access-Control-Allow-Headers). */
#define CORS_ALLOW_HEADERS	"Authorization, Content-Type, If-None-Match, Idempotency-Key, X-Request-Id"

/* Response headers a cross-origin script may read (Access-Control-Expose-Headers). */
#define CORS_EXPOSE_HEADERS	"ETag, X-Request-Id, Retry-After, Location"

/*
 * Whether s (len bytes) is one serialised origin: "http" or "https", "://",
 * a host name, IPv4 or bracketed IPv6 address, and an optional ":port"
 * (1..65535, no leading zero); nothing after it, not even "/".
 */
int		 cors_origin_valid(const char *s, size_t len);

/*
 * Check a cors_origins value: empty (same origin only), "*" (any origin),
 * or origins separated by commas or blanks, each valid as above. Returns 0,
 * or -1 with a message naming the bad entry in err.
 */
int		 cors_check(const char *list, char *err, size_t errlen);

/* Whether list (a checked cors_origins value) lets any origin in at all. */
int		 cors_enabled(const char *list);

/*
 * Whether the request's Origin header value may read the answers: it is a
 * valid origin and list is "*" or names it (scheme and host compared
 * without regard to case). NULL, "null" and anything malformed never are.
 */
int		 cors_allowed(const char *list, const char *origin);

#endif
