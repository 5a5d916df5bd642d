/* config.c: the declared table of settings, read from a file and the environment. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "hex.h"
#include "options.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

struct config config;

enum ctype { C_STR, C_INT, C_OCT, C_NUM };

/* One row per setting: name, type, where it lives, default, bounds. */
struct setting {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	const char	*def;
	double		 min, max;	/* numbers: value bounds; strings: length bounds */
	const char	*help;
};

#define S(n, t, d, lo, hi, h) { #n, t, offsetof(struct config, n), d, lo, hi, h }
static const struct setting settings[] = {
	S(socket, C_STR, "/run/streamify/fcgi.sock", 1, 107, "FastCGI unix socket path, or HOST:PORT for TCP"),
	S(socket_allow, C_STR, "127.0.0.1, ::1", 0, 1024, "with a TCP socket: the addresses (or address/bits) nginx connects from"),
	S(socket_mode, C_OCT, "0660", 0, 0777, "socket permission bits (octal)"),
	S(socket_group, C_STR, "", 0, 64, "group that owns the socket (nginx's)"),
	S(workers, C_INT, "0", 0, 256, "worker processes, 0 = one per core"),
	S(listen_backlog, C_INT, "1024", 1, 65535, "listen(2) backlog of the socket"),
	S(max_body, C_INT, "65536", 1024, 1048576, "largest request body in bytes"),
	S(debug_routes, C_INT, "0", 0, 1, "1 enables the test-only /debug routes"),
	S(log_level, C_STR, "info", 4, 5, "debug, info, warn or error"),
	S(db_host, C_STR, "localhost", 0, 255, "database host (unused with db_socket)"),
	S(db_port, C_INT, "3306", 0, 65535, "database TCP port"),
	S(db_socket, C_STR, "", 0, 255, "database unix socket"),
	S(db_user, C_STR, "streamify", 1, 80, "database user"),
	S(db_password, C_STR, "", 0, 255, "database password"),
	S(db_name, C_STR, "streamify", 1, 64, "database name"),
	S(db_replicas, C_STR, "", 0, 1024, "read replicas for anonymous catalog reads: HOST:PORT or socket paths, comma-separated"),
	S(db_replica_max_lag_ms, C_INT, "1000", 0, 3600000, "a replica further behind the primary than this is not read from, ms"),
	S(db_connect_timeout, C_INT, "2", 1, 60, "database connect timeout, seconds"),
	S(db_read_timeout, C_INT, "10", 1, 3600, "database read timeout, seconds"),
	S(db_write_timeout, C_INT, "10", 1, 3600, "database write timeout, seconds"),
	S(db_retry_after, C_INT, "2", 1, 600, "Retry-After seconds when the database is down"),
	S(health_cache_ms, C_INT, "500", 0, 10000, "a worker reuses a healthy /health answer this long, ms"),
	S(user_versions, C_STR, "pool", 4, 8, "pool: a user's writes are seen through this pool's memory; database: through the database (several hosts)"),
	S(version_check_ms, C_INT, "100", 0, 60000, "workers trust the catalog and login versions read this long, ms"),
	S(shared_cache_mb, C_INT, "512", 0, 65536, "MiB of anonymous catalog answers the workers of a host share, 0 = each keeps its own"),
	S(catalog_cache, C_INT, "2048", 0, 1000000, "with shared_cache_mb 0: anonymous catalog answers a worker keeps, 0 = none"),
	S(cache_max_age, C_INT, "60", 0, 86400, "max-age of public catalog responses"),
	S(edge_cache_ttl, C_INT, "5", 0, 86400, "seconds nginx may answer an anonymous catalog GET from its cache (0: never)"),
	S(cors_origins, C_STR, "", 0, 4096, "origins browsers may call from (scheme://host[:port],...), * = any"),
	S(metrics, C_INT, "1", 0, 1, "1 counts requests for /metrics (0: off)"),
	S(metrics_allow, C_STR, "127.0.0.1, ::1", 0, 1024, "client addresses or address/bits blocks that may read /metrics"),
	S(cors_max_age, C_INT, "600", 0, 86400, "seconds a browser keeps a preflight answer"),
	S(public_base_url, C_STR, "http://127.0.0.1:8080", 1, 255, "base of the absolute URLs handed out"),
	S(jwt_secret, C_STR, "", 0, 1024, "HS256 key as hex, at least 64 hex digits"),
	S(jwt_issuer, C_STR, "streamify", 1, 128, "iss of access tokens"),
	S(jwt_audience, C_STR, "streamify-api", 1, 128, "aud of access tokens"),
	S(access_ttl, C_INT, "900", 30, 86400, "access token lifetime, seconds"),
	S(refresh_ttl, C_INT, "2592000", 60, 31536000, "refresh token lifetime, seconds"),
	S(scrypt_n_log2, C_INT, "15", 15, 22, "scrypt N = 2^this for new hashes"),
	S(scrypt_r, C_INT, "8", 1, 64, "scrypt r"),
	S(scrypt_p, C_INT, "3", 1, 64, "scrypt p"),
	S(password_dict, C_STR, "", 0, 255, "cracklib dictionary of refused passwords, \"\" = cracklib's default"),
	S(login_max_failures, C_INT, "5", 1, 1000, "failed logins of one account from one address before 429"),
	S(login_window, C_INT, "900", 10, 86400, "failed-login window, seconds"),
	S(login_account_failures, C_INT, "10", 1, 100000, "failed logins of one account in an hour before strangers wait"),
	S(login_max_address_failures, C_INT, "50", 1, 100000, "failed logins from one address in the window before strangers wait"),
	S(login_delay_max, C_INT, "600", 15, 86400, "longest wait of those delays, seconds"),
	S(login_known_days, C_INT, "30", 0, 3650, "days a login from an address keeps it trusted, 0 = never"),
	S(smtp_url, C_STR, "", 0, 255, "mail server for reset and verification links: smtp://HOST[:PORT] or smtps://HOST[:PORT] (TLS), USER:PASSWORD@ to log in; \"\" = no mail"),
	S(smtp_from, C_STR, "Streamify <no-reply@localhost>", 3, 255, "sender of those mails"),
	S(smtp_ca_file, C_STR, "", 0, 255, "CA certificates the mail server's is checked against, \"\" = the system's"),
	S(smtp_starttls, C_INT, "0", 0, 1, "1: with smtp://, switch to TLS (STARTTLS) before sending, or fail"),
	S(smtp_timeout, C_INT, "10", 1, 120, "seconds one mail may take at most (the worker is busy meanwhile, after its answer)"),
	S(unverified_may_subscribe, C_INT, "1", 0, 1, "0: subscribing needs a verified e-mail address"),
	S(media_secret, C_STR, "", 0, 1024, "HMAC key of play URLs as hex, at least 64 hex digits"),
	S(media_base_url, C_STR, "/media", 1, 255, "where nginx serves the media files"),
	S(play_ttl, C_INT, "600", 10, 604800, "lifetime of a signed play URL, seconds (a heartbeat renews a stream's)"),
	S(stream_timeout, C_INT, "120", 30, 3600, "a stream closes after this many seconds without a progress report or heartbeat"),
	S(payment_url, C_STR, "http://127.0.0.1:8099", 1, 255, "payment provider base URL"),
	S(payment_secret, C_STR, "sk_test_streamify", 0, 255, "payment provider API secret"),
	S(payment_timeout, C_INT, "10", 1, 120, "payment request timeout, seconds"),
	S(renew_max_retries, C_INT, "3", 0, 20, "failed renewal charges before expiry"),
	S(tmdb_base_url, C_STR, "https://api.themoviedb.org/3", 1, 255, "TMDB API v3 base URL"),
	S(tmdb_api_key, C_STR, "", 0, 255, "TMDB API key (or TMDB_API_KEY)"),
	S(tmdb_image_base, C_STR, "https://image.tmdb.org/t/p", 1, 255, "TMDB image base URL"),
	S(tmdb_timeout, C_INT, "20", 1, 300, "TMDB request timeout, seconds"),
	S(tmdb_max_response, C_INT, "4194304", 1024, 67108864, "largest TMDB response in bytes"),
	S(similar_k, C_INT, "50", 1, 500, "similar movies kept per movie"),
	S(w_genre, C_NUM, "1.0", 0, 100, "content weight of genres"),
	S(w_keyword, C_NUM, "1.0", 0, 100, "content weight of keywords and tags"),
	S(w_cast, C_NUM, "0.8", 0, 100, "content weight of the top cast"),
	S(w_director, C_NUM, "1.2", 0, 100, "content weight of directors"),
	S(w_language, C_NUM, "0.3", 0, 100, "content weight of the original language"),
	S(w_decade, C_NUM, "0.3", 0, 100, "content weight of the decade"),
	S(cf_shrink, C_NUM, "10", 0, 10000, "shrinkage of collaborative similarity"),
	S(blend_users, C_NUM, "3", 0, 100000, "users at which the blend is half collaborative"),
	S(trending_min_viewers, C_INT, "3", 1, 1000000, "distinct viewers a movie needs within a window to trend; fewer: popularity fills the list"),
};
#undef S

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

static const struct setting *
setting_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

int
config_set(const char *name, const char *value, char *errbuf, size_t errlen)
{
	const struct setting	*s;
	char			*end, *copy, **sp;
	long long		 ll;
	double			 d;
	size_t			 len;

	if ((s = setting_find(name)) == NULL) {
		snprintf(errbuf, errlen, "unknown setting \"%s\"", name);
		return -1;
	}
	switch (s->type) {
	case C_STR:
		len = strlen(value);
		if (len < (size_t)s->min || len > (size_t)s->max) {
			snprintf(errbuf, errlen, "%s: length must be %.0f..%.0f",
			    name, s->min, s->max);
			return -1;
		}
		if ((copy = strdup(value)) == NULL) {
			snprintf(errbuf, errlen, "%s: out of memory", name);
			return -1;
		}
		sp = (char **)((char *)&config + s->off);
		free(*sp);
		*sp = copy;
		return 0;
	case C_INT:
	case C_OCT:
		errno = 0;
		ll = strtoll(value, &end, s->type == C_OCT ? 8 : 10);
		if (errno || end == value || *end != '\0' ||
		    ll < (long long)s->min || ll > (long long)s->max) {
			snprintf(errbuf, errlen, s->type == C_OCT ?
			    "%s: \"%s\" is not an octal number in %#llo..%#llo" :
			    "%s: \"%s\" is not an integer in %lld..%lld", name, value,
			    (long long)s->min, (long long)s->max);
			return -1;
		}
		*(long long *)((char *)&config + s->off) = ll;
		return 0;
	case C_NUM:
		errno = 0;
		d = strtod(value, &end);
		if (errno || end == value || *end != '\0' || !isfinite(d) ||
		    d < s->min || d > s->max) {
			snprintf(errbuf, errlen, "%s: \"%s\" is not a number in %g..%g",
			    name, value, s->min, s->max);
			return -1;
		}
		*(double *)((char *)&config + s->off) = d;
		return 0;
	}
	return -1;
}

/* Strip leading and trailing white space in place. */
static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
config_file(const char *path, int must_exist)
{
	FILE	*f;
	char	 line[2048], err[256], *key, *val, *eq;
	int	 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (!must_exist && errno == ENOENT)
			return 0;
		fprintf(stderr, "config: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			fprintf(stderr, "config: %s:%d: line too long\n", path, lineno);
			rc = -1;
			break;
		}
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			fprintf(stderr, "config: %s:%d: expected \"name = value\"\n",
			    path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		if (config_set(key, val, err, sizeof(err)) == -1) {
			fprintf(stderr, "config: %s:%d: %s\n", path, lineno, err);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}

int
config_load(const char *path)
{
	char	 err[256], env[128], *v;
	size_t	 i, j;

	for (i = 0; i < NSETTINGS; i++)
		if (config_set(settings[i].name, settings[i].def, err, sizeof(err)) == -1) {
			fprintf(stderr, "config: default of %s\n", err);
			return -1;
		}
	if (config_file(path ? path : SYSCONFDIR "/streamify.conf", path != NULL) == -1)
		return -1;
	for (i = 0; i < NSETTINGS; i++) {
		snprintf(env, sizeof(env), "STREAMIFY_%s", settings[i].name);
		for (j = 10; env[j] != '\0'; j++)
			env[j] = (char)toupper((unsigned char)env[j]);
		if ((v = getenv(env)) == NULL)
			continue;
		if (config_set(settings[i].name, v, err, sizeof(err)) == -1) {
			fprintf(stderr, "config: environment %s: %s\n", env, err);
			return -1;
		}
	}
	/* TMDB's own variable name is what operators already have. */
	if (config.tmdb_api_key[0] == '\0' && (v = getenv("TMDB_API_KEY")) != NULL &&
	    config_set("tmdb_api_key", v, err, sizeof(err)) == -1) {
		fprintf(stderr, "config: environment TMDB_API_KEY: %s\n", err);
		return -1;
	}
	if (strcmp(config.log_level, "debug") && strcmp(config.log_level, "info") &&
	    strcmp(config.log_level, "warn") && strcmp(config.log_level, "error")) {
		fprintf(stderr, "config: log_level: \"%s\" is not debug, info, warn or error\n",
		    config.log_level);
		return -1;
	}
	if (strcmp(config.user_versions, "pool") && strcmp(config.user_versions, "database")) {
		fprintf(stderr, "config: user_versions: \"%s\" is not pool or database\n",
		    config.user_versions);
		return -1;
	}
	return 0;
}

int
config_user_versions_database(void)
{
	return config.user_versions != NULL && strcmp(config.user_versions, "database") == 0;
}

void
config_usage(void)
{
	size_t	 i;

	for (i = 0; i < NSETTINGS; i++)
		printf("  %-20s %-34s (default \"%s\")\n", settings[i].name,
		    settings[i].help, settings[i].def);
}

void
config_free(void)
{
	size_t	 i;
	char	**sp;

	for (i = 0; i < NSETTINGS; i++) {
		if (settings[i].type != C_STR)
			continue;
		sp = (char **)((char *)&config + settings[i].off);
		if (strstr(settings[i].name, "secret") || strstr(settings[i].name, "password"))
			if (*sp != NULL)
				crypto_wipe(*sp, strlen(*sp));
		free(*sp);
		*sp = NULL;
	}
}

int
config_hex(const char *hex, unsigned char *out, size_t outlen)
{
	return hex_decode(hex, strlen(hex), out, outlen);
}

int
config_options(int argc, char *argv[], int stop, const char **path, void (*usage)(FILE *))
{
	const struct opt	 opts[] = {
		{ "config", 'c', OPT_STR, path, 0, 0, NULL },
		OPT_END
	};

	return options_parse(argc, argv, opts, stop ? OPTS_STOP : 0, usage, NULL);
}
