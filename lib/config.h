/* config.h: the read-only configuration, filled once at start-up from a declared table. */
#ifndef STREAMIFY_CONFIG_H
#define STREAMIFY_CONFIG_H

#include <stddef.h>
#include <stdio.h>

/*
 * Every setting of every binary. The table in config.c declares for each
 * one its name, type, default and bounds; nothing else reads files or the
 * environment for settings.
 */
struct config {
	/* FastCGI worker pool */
	char		*socket;		/* unix socket path, or HOST:PORT */
	char		*socket_allow;		/* TCP: who may connect */
	long long	 socket_mode;		/* permission bits of the socket */
	char		*socket_group;		/* group owning the socket, "" = ours */
	long long	 workers;		/* 0 = one per core */
	long long	 listen_backlog;	/* listen(2) backlog */
	long long	 max_body;		/* bytes a request body may have */
	long long	 debug_routes;		/* 1 enables test-only routes */
	char		*log_level;		/* "debug", "info", "warn", "error" */
	/* database */
	char		*db_host;
	long long	 db_port;
	char		*db_socket;
	char		*db_user;
	char		*db_password;
	char		*db_name;
	char		*db_replicas;		/* read replicas, comma-separated (lib/replica.h) */
	long long	 db_replica_max_lag_ms;	/* read from a replica only this close */
	long long	 db_connect_timeout;	/* seconds */
	long long	 db_read_timeout;	/* seconds */
	long long	 db_write_timeout;	/* seconds */
	long long	 db_retry_after;	/* Retry-After seconds sent with 503 */
	long long	 health_cache_ms;	/* a healthy /health answer is reused this long */
	/* HTTP */
	long long	 cache_max_age;		/* seconds for public catalog GETs */
	long long	 version_check_ms;	/* the shared versions are trusted this long */
	char		*user_versions;		/* "pool" or "database" (config_user_versions_database) */
	long long	 catalog_cache;		/* anonymous catalog answers a worker keeps */
	long long	 shared_cache_mb;	/* ... or the workers of a host share (lib/shcache.h) */
	char		*public_base_url;	/* base of absolute URLs we hand out */
	long long	 edge_cache_ttl;	/* nginx's fastcgi_cache of public answers, s */
	char		*cors_origins;		/* origins browsers may call from (lib/cors.h) */
	long long	 cors_max_age;		/* Access-Control-Max-Age of preflights */
	long long	 metrics;		/* 1: the pool counts for /metrics */
	char		*metrics_allow;		/* addresses that may read /metrics */
	/* accounts */
	char		*jwt_secret;		/* hex, >= 32 bytes */
	char		*jwt_issuer;
	char		*jwt_audience;
	long long	 access_ttl;		/* seconds */
	long long	 refresh_ttl;		/* seconds */
	long long	 scrypt_n_log2;		/* scrypt cost: N = 2^this */
	long long	 scrypt_r;
	long long	 scrypt_p;
	char		*password_dict;		/* cracklib dictionary, "" = its default */
	long long	 login_max_failures;	/* of one account from one address, before 429 */
	long long	 login_window;		/* seconds */
	long long	 login_account_failures;	/* of one account in an hour, before delays */
	long long	 login_max_address_failures;	/* from one address in the window, before delays */
	long long	 login_delay_max;	/* seconds, the longest delay */
	long long	 login_known_days;	/* a successful login trusts its address this long */
	/* account recovery and e-mail verification */
	char		*smtp_url;		/* smtp:// or smtps:// server, "" = no mail */
	char		*smtp_from;		/* "Name <address>" */
	char		*smtp_ca_file;		/* CAs for the server's certificate, "" = the system's */
	long long	 smtp_starttls;		/* 1: smtp:// must switch to TLS (STARTTLS) */
	long long	 smtp_timeout;		/* seconds one mail may take at most */
	long long	 unverified_may_subscribe;	/* 0: POST /subscription needs a verified e-mail */
	/* subscriptions and playback */
	char		*media_secret;		/* hex, >= 32 bytes */
	char		*media_base_url;	/* where /media/ is served */
	long long	 play_ttl;		/* seconds a signed URL lives */
	long long	 stream_timeout;		/* seconds a stream stays open without a report */
	char		*payment_url;
	char		*payment_secret;
	long long	 payment_timeout;	/* seconds */
	long long	 renew_max_retries;
	/* catalog import */
	char		*tmdb_base_url;
	char		*tmdb_api_key;
	char		*tmdb_image_base;
	long long	 tmdb_timeout;		/* seconds */
	long long	 tmdb_max_response;	/* bytes */
	/* recommendations */
	long long	 similar_k;		/* neighbours kept per movie */
	double		 w_genre;
	double		 w_keyword;
	double		 w_cast;
	double		 w_director;
	double		 w_language;
	double		 w_decade;
	double		 cf_shrink;		/* collaborative shrinkage */
	double		 blend_users;		/* users at which the blend is half CF */
	long long	 trending_min_viewers;	/* distinct viewers a movie needs in a window to trend */
};

extern struct config config;

/*
 * Fill the global configuration: defaults, then the file (when path is
 * NULL, /etc/streamify.conf if it exists), then STREAMIFY_* environment
 * variables. On error, prints one message naming the setting to stderr and
 * returns -1; the configuration is then unusable.
 */
int	config_load(const char *path);

/*
 * The options every batch program takes before its own arguments:
 * -c/--config FILE (into *path) and -h/--help. With stop set, parsing stops
 * at the first argument that is not an option (a subcommand's options
 * follow it). Returns -1 to go on (optind at the first argument), else the
 * exit status: 0 after --help (usage to stdout), 2 for a bad option (usage
 * to stderr).
 */
int	config_options(int argc, char *argv[], int stop, const char **path,
	    void (*usage)(FILE *));

/*
 * Set one setting from text, as the file and the environment do.
 * Returns 0, or -1 with a message in errbuf naming the problem.
 */
int	config_set(const char *name, const char *value, char *errbuf, size_t errlen);

/* Print every setting name with its default and bounds (for --help). */
void	config_usage(void);

/*
 * Whether user_versions is "database": pools on several hosts share users,
 * so a user's own version is read from the database (lib/board.h).
 */
int	config_user_versions_database(void);

/* Free the strings of the configuration. */
void	config_free(void);

/*
 * Decode a hex secret setting into out (at most outlen bytes).
 * Returns the number of bytes, or -1 when it is not hex.
 */
int	config_hex(const char *hex, unsigned char *out, size_t outlen);

#endif
