/* test-subs-play.c: the playback gate: /movies/{id}/play, video_url, and nginx serving signed media URLs only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "config.h"
#include "signed_url.h"
#include "subs_helpers.h"
#include "tap.h"

/* The media file's bytes (media/sample.mp4 of the source tree); *len its size. */
static char *
sample_bytes(size_t *len)
{
	char	 path[1024], *buf;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof(path), "%s/media/sample.mp4", getenv("STREAMIFY_TEST_SRCDIR") ?
	    getenv("STREAMIFY_TEST_SRCDIR") : ".");
	if ((f = fopen(path, "rb")) == NULL)
		bail("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		bail("cannot read %s", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* GET a media path (below the base URL) through nginx. */
static struct api_resp *
media_get(const char *path_and_query)
{
	return api_get(path_and_query, NULL);
}

/* The path and query of a URL handed out (it starts with the test stack's base URL). */
static const char *
below_base(const char *url)
{
	size_t	 n = strlen(api_base());

	return url != NULL && strncmp(url, api_base(), n) == 0 ? url + n : NULL;
}

static void
test_gate(long long movie)
{
	struct api_resp	*r;
	char		 path[128], good[64], *unsub, *sub;
	long long	 uid;

	snprintf(path, sizeof(path), "/api/movies/%lld/play", movie);
	r = api_get(path, NULL);
	is_error(r, 401, "unauthorized", "play, anonymous");
	api_free(r);
	unsub = api_new_user("subu", NULL);
	r = api_get(path, unsub);
	is_error(r, 402, "payment_required", "play, without a subscription");
	api_free(r);
	r = api_get("/api/movies/999999999/play", unsub);
	is_error(r, 404, "not_found", "play, no such movie");
	api_free(r);

	snprintf(good, sizeof(good), "tok_ok_%s_play", api_unique());
	if ((sub = subs_new_subscriber("subs", "basic", good, &uid, NULL)) == NULL) {
		ok(0, "a subscriber");
		return;
	}
	r = api_get(path, sub);
	is_int(r->status, 200, "play, subscribed: 200");
	ok(below_base(jstr(r->json, "data.url")) != NULL &&
	    strncmp(below_base(jstr(r->json, "data.url")), "/media/sample.mp4?u=", 20) == 0,
	    "a signed URL of the sample under /media");
	ok(jstr(r->json, "data.expires_at") != NULL, "with expires_at");
	api_free(r);

	/* The movie detail carries video_url only for a subscriber. */
	snprintf(path, sizeof(path), "/api/movies/%lld", movie);
	r = api_get(path, NULL);
	if (r->status == 200) {
		ok(cJSON_IsNull(jget(r->json, "data.video_url")), "detail, anonymous: video_url null");
		api_free(r);
		r = api_get(path, unsub);
		ok(cJSON_IsNull(jget(r->json, "data.video_url")),
		    "detail, unsubscribed: video_url null");
		api_free(r);
		r = api_get(path, sub);
		ok(below_base(jstr(r->json, "data.video_url")) != NULL &&
		    strstr(jstr(r->json, "data.video_url"), "/media/sample.mp4?u=") != NULL,
		    "detail, subscribed: a signed video_url");
	} else
		ok(0, "GET %s answers 200 (got %ld)", path, r->status);
	api_free(r);
}

static void
test_nginx(long long movie)
{
	struct api_resp	*r;
	char		 path[128], good[64], url[2048], bad[2048], secret[256], h[128], *t, *s;
	unsigned char	 key[128];
	const char	*range[] = { "Range: bytes=0-9", NULL };
	char		*bytes;
	size_t		 len;
	long long	 uid;
	int		 keylen;

	bytes = sample_bytes(&len);
	snprintf(good, sizeof(good), "tok_ok_%s_nginx", api_unique());
	if ((t = subs_new_subscriber("subg", "basic", good, &uid, NULL)) == NULL) {
		ok(0, "a subscriber for nginx");
		return;
	}
	snprintf(path, sizeof(path), "/api/movies/%lld/play", movie);
	r = api_get(path, t);
	snprintf(url, sizeof(url), "%s", below_base(jstr(r->json, "data.url")) ?
	    below_base(jstr(r->json, "data.url")) : "/media/none");
	api_free(r);

	r = media_get(url);
	is_int(r->status, 200, "nginx serves a good URL");
	ok(r->len == len && memcmp(r->body, bytes, len) == 0, "with the file's bytes");
	is_str(api_header(r, "Content-Type", h, sizeof(h)), "video/mp4", "as video/mp4");
	api_free(r);
	r = api_req("GET", url, NULL, NULL, range);
	is_int(r->status, 206, "a range request of a good URL: 206");
	is_int((long long)r->len, 10, "ten bytes");
	api_free(r);

	snprintf(bad, sizeof(bad), "%s", url);
	s = bad + strlen(bad) - 1;
	*s = *s == 'A' ? 'B' : 'A';
	r = media_get(bad);
	is_int(r->status, 403, "a tampered signature: 403");
	ok(r->len != len || memcmp(r->body, bytes, len) != 0, "and not a byte of the file");
	api_free(r);
	snprintf(bad, sizeof(bad), "%s", url);
	s = strstr(bad, "?u=") + 3;
	snprintf(path, sizeof(path), "%s", strchr(s, '&'));
	snprintf(s, sizeof(bad) - (size_t)(s - bad), "%lld%s", uid + 1, path);
	r = media_get(bad);
	is_int(r->status, 403, "another user in the URL: 403");
	api_free(r);
	snprintf(bad, sizeof(bad), "/media/other.mp4%s", strchr(url, '?'));
	r = media_get(bad);
	is_int(r->status, 403, "the signature on another file: 403");
	api_free(r);
	r = media_get("/media/sample.mp4");
	is_int(r->status, 403, "no signature: 403");
	api_free(r);
	/* The same grant spelled another way: each is refused, never a byte served. */
	{
		long long	 u = 0, e = 0;
		char		 p[128], sg[64];
		const char	*what[] = { "a leading zero in the user", "a leading zero in the expiry",
		    "a parameter more", "u and e swapped in order" };
		size_t		 i;

		ok(sscanf(strchr(url, '?'), "?u=%lld&e=%lld&s=%63s", &u, &e, sg) == 3 && u == uid,
		    "the play URL is ?u=USER&e=EXPIRES&s=SIG");
		snprintf(p, sizeof(p), "%.*s", (int)(strchr(url, '?') - url), url);
		for (i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
			if (i == 0)
				snprintf(bad, sizeof(bad), "%s?u=0%lld&e=%lld&s=%s", p, u, e, sg);
			else if (i == 1)
				snprintf(bad, sizeof(bad), "%s?u=%lld&e=0%lld&s=%s", p, u, e, sg);
			else if (i == 2)
				snprintf(bad, sizeof(bad), "%s?u=%lld&e=%lld&s=%s&t=10", p, u, e, sg);
			else
				snprintf(bad, sizeof(bad), "%s?e=%lld&u=%lld&s=%s", p, e, u, sg);
			r = media_get(bad);
			is_int(r->status, 403, "%s: 403", what[i]);
			ok(r->len != len || memcmp(r->body, bytes, len) != 0,
			    "%s: not a byte of the file", what[i]);
			api_free(r);
		}
		r = media_get(url);
		is_int(r->status, 200, "the canonical spelling still plays");
		api_free(r);
	}

	/* Expired: signed with the stack's own secret, in the past. */
	keylen = config_hex(subs_config("media_secret", secret, sizeof(secret)), key, sizeof(key));
	ok(keylen >= SIGNED_URL_MINKEY, "the test stack's media secret");
	signed_url_make(key, (size_t)keylen, "/media/sample.mp4", uid, (long long)time(NULL) - 10,
	    bad, sizeof(bad));
	r = media_get(bad);
	is_int(r->status, 403, "an expired URL: 403");
	api_free(r);
	signed_url_make(key, (size_t)keylen, "/media/sample.mp4", uid, (long long)time(NULL) + 60,
	    bad, sizeof(bad));
	r = media_get(bad);
	is_int(r->status, 200, "the same, unexpired: 200 (so the 403 was the expiry)");
	api_free(r);
	r = api_get("/api/media-auth", NULL);
	is_int(r->status, 404, "the auth route is internal to nginx");
	api_free(r);
	free(bytes);
}

static void
test_video_path(void)
{
	struct api_resp	*r;
	char		 path[128], good[64], *t;
	long long	 movie;

	movie = subs_movie("own file", "trailers/own file.mp4");
	snprintf(good, sizeof(good), "tok_ok_%s_vp", api_unique());
	if ((t = subs_new_subscriber("subw", "basic", good, NULL, NULL)) == NULL) {
		ok(0, "a subscriber for video_path");
		return;
	}
	snprintf(path, sizeof(path), "/api/movies/%lld/play", movie);
	r = api_get(path, t);
	is_int(r->status, 200, "play a movie with its own video_path");
	ok(jstr(r->json, "data.url") && strstr(jstr(r->json, "data.url"),
	    "/media/trailers/own%20file.mp4?u=") != NULL, "its file, encoded");
	api_free(r);
}

int
main(void)
{
	long long	 movie;

	api_init();
	movie = subs_movie("playable", NULL);
	if (movie <= 0)
		bail("no test movie");
	test_gate(movie);
	test_nginx(movie);
	test_video_path();
	return done_testing();
}
