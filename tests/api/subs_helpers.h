/* subs_helpers.h: what the subscription API tests share: the config, the payment fake, the batch job. */
#ifndef STREAMIFY_TEST_SUBS_HELPERS_H
#define STREAMIFY_TEST_SUBS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "client.h"
#include "tap.h"

/* A setting of the test stack's configuration file (STREAMIFY_TEST_CONFIG), or "". */
static __attribute__((unused)) const char *
subs_config(const char *name, char *buf, size_t len)
{
	const char	*path = getenv("STREAMIFY_TEST_CONFIG");
	char		 line[1024], *v, *end;
	size_t		 n = strlen(name);
	FILE		*f;

	buf[0] = '\0';
	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return buf;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, name, n) != 0 || (line[n] != ' ' && line[n] != '='))
			continue;
		if ((v = strchr(line, '=')) == NULL)
			continue;
		for (v++; *v == ' '; v++)
			;
		for (end = v + strlen(v); end > v && (end[-1] == '\n' || end[-1] == ' '); end--)
			;
		snprintf(buf, len, "%.*s", (int)(end - v), v);	/* the last one wins, as in config.c */
	}
	fclose(f);
	return buf;
}

static __attribute__((unused)) size_t
subs_sink(char *p, size_t size, size_t n, void *arg)
{
	char	*buf = arg;
	size_t	 have = strlen(buf), add = size * n;

	if (have + add >= 1024)
		add = 1023 - have;
	memcpy(buf + have, p, add);
	buf[have + add] = '\0';
	return size * n;
}

/* What the payment fake saw for a payment token: *charges (money moved) and *requests. */
static __attribute__((unused)) void
subs_fake_stats(const char *source, long long *charges, long long *requests)
{
	char		 base[512], url[1024], body[1024] = "";
	CURL		*c = curl_easy_init();
	cJSON		*j;

	*charges = *requests = -1;
	snprintf(url, sizeof(url), "%s/_fake/stats?source=%s",
	    subs_config("payment_url", base, sizeof(base)), source);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, subs_sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (curl_easy_perform(c) == CURLE_OK && (j = cJSON_Parse(body)) != NULL) {
		*charges = (long long)jnum(j, "charges");
		*requests = (long long)jnum(j, "requests");
		cJSON_Delete(j);
	} else
		diag("payment fake: no answer from %s", url);
	curl_easy_cleanup(c);
}

/* Money moved for a payment token, per the fake. */
static __attribute__((unused)) long long
subs_charges(const char *source)
{
	long long	 charges, requests;

	subs_fake_stats(source, &charges, &requests);
	return charges;
}

/* Start `streamify-batch --config CONFIG <cmd>` (output appended to VAR/log/batch-test.log). */
static __attribute__((unused)) pid_t
subs_batch_start(const char *cmd)
{
	char	 bin[1024], log[1024];
	pid_t	 pid;

	snprintf(bin, sizeof(bin), "%s/batch/streamify-batch",
	    getenv("STREAMIFY_BUILDDIR") ? getenv("STREAMIFY_BUILDDIR") : ".");
	snprintf(log, sizeof(log), "%s/log/batch-test.log",
	    getenv("STREAMIFY_TEST_VAR") ? getenv("STREAMIFY_TEST_VAR") : "/tmp");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		FILE	*f = freopen(log, "a", stdout);

		(void)f;
		dup2(STDOUT_FILENO, STDERR_FILENO);
		execl(bin, bin, "--config", getenv("STREAMIFY_TEST_CONFIG"), cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Wait for a batch run; returns its exit status (-1 when it did not exit normally). */
static __attribute__((unused)) int
subs_batch_wait(pid_t pid)
{
	int	 st;

	if (pid <= 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Run one batch command to the end; returns its exit status. */
static __attribute__((unused)) int
subs_batch(const char *cmd)
{
	return subs_batch_wait(subs_batch_start(cmd));
}

/* POST /api/subscription {plan, payment_token}, with an Idempotency-Key when key is not NULL. */
static __attribute__((unused)) struct api_resp *
subs_post(const char *token, const char *plan, const char *ptoken, const char *key)
{
	char		 body[512], hdr[256];
	const char	*hdrs[] = { hdr, NULL };

	snprintf(body, sizeof(body), "{\"plan\":\"%s\",\"payment_token\":\"%s\"}", plan, ptoken);
	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", key ? key : "");
	return api_req("POST", "/api/subscription", token, body, key ? hdrs : NULL);
}

/* A new user who subscribed to plan with ptoken (201 checked); NULL when that failed. */
static __attribute__((unused)) char *
subs_new_subscriber(const char *prefix, const char *plan, const char *ptoken, long long *uid,
    long long *sub_id)
{
	struct api_resp	*r;
	char		*t;

	if ((t = api_new_user(prefix, uid)) == NULL)
		return NULL;
	r = subs_post(t, plan, ptoken, NULL);
	if (r->status != 201) {
		diag("subscribing %s: %ld %.300s", prefix, r->status, r->body);
		api_free(r);
		return NULL;
	}
	if (sub_id != NULL)
		*sub_id = (long long)jnum(r->json, "data.id");
	api_free(r);
	return t;
}

/* A movie id for playback tests: a new movie made here (title unique to this run). */
static __attribute__((unused)) long long
subs_movie(const char *tag, const char *video_path)
{
	char	 title[200];

	snprintf(title, sizeof(title), "Subs test %s %s", tag, api_unique());
	if (video_path)
		db_do("INSERT INTO movies (title, video_path) VALUES ('%s', '%s')", title, video_path);
	else
		db_do("INSERT INTO movies (title) VALUES ('%s')", title);
	return db_count("SELECT MAX(id) FROM movies WHERE title = '%s'", title);
}

/* Whether the user has a notification of this type (per the database). */
static __attribute__((unused)) long long
subs_notes(long long uid, const char *type)
{
	return db_count("SELECT COUNT(*) FROM notifications WHERE user_id = %lld AND kind = '%s'",
	    uid, type);
}

#endif
