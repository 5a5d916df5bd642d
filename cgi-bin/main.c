/* main.c: streamify-fcgi, the master that owns the socket and a pool of worker processes. */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "api.h"
#include "board.h"
#include "config.h"
#include "cors.h"
#include "crypto.h"
#include "log.h"
#include "metrics.h"
#include "options.h"
#include "pwpolicy.h"
#include "replica.h"
#include "shcache.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

#define MAX_WORKERS	256

static volatile sig_atomic_t	 stop;		/* SIGTERM or SIGINT seen */
static volatile sig_atomic_t	 child_died;	/* SIGCHLD seen (master) */

struct worker {
	pid_t	 pid;
	time_t	 started;
};

static void
on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static void
on_child(int sig)
{
	(void)sig;
	child_died = 1;
}

static void
usage(FILE *f)
{
	/* --help lists the defaults with the file's values where it reads. */
	if (f == stdout)
		(void)config_load(NULL);
	fprintf(f,
	    "usage: streamify-fcgi [--config FILE] [--pidfile FILE] [--workers N]\n"
	    "\n"
	    "The Streamify API server: a master process that listens on the FastCGI\n"
	    "unix socket (setting \"socket\") and keeps N worker processes serving it.\n"
	    "SIGTERM or SIGINT lets each worker finish the request in flight, then exits.\n"
	    "\n"
	    "  --config FILE   settings file (default " SYSCONFDIR "/streamify.conf)\n"
	    "  --pidfile FILE  write the master's pid there\n"
	    "  --workers N     override the \"workers\" setting\n"
	    "  --help          this text;  --version  the version\n"
	    "\n"
	    "Settings (file lines \"name = value\", or environment STREAMIFY_<NAME>):\n");
	config_usage();
}

/* A worker in slot: its own database connection, requests until told to stop. */
static void
worker_main(int fd, int slot)
{
	struct sigaction	 sa;
	struct api_conn		 conn;
	int			 rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: a waiting accept returns */
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);	/* the master decides; it sends SIGTERM */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
	{
		sigset_t	 none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
	}
	db_api_session = 1;
	metrics_set_slot(slot);
	if ((conn.db = db_open()) == NULL) {
		log_error("worker: out of memory");
		_exit(1);
	}
	/* Each worker reads the anonymous catalog from one replica, by its slot. */
	conn.replica = config.db_replicas[0] != '\0' ? replica_open(config.db_replicas, slot) : NULL;
	log_info("worker: started");
	rc = http_serve(fd, (size_t)config.max_body,
	    http_is_tcp(config.socket) ? config.socket_allow : NULL, api_handle, &conn, &stop);
	replica_free(conn.replica);
	db_close(conn.db);
	log_info("worker: stopped");
	config_free();
	/* exit, not _exit: under --enable-sanitizers LeakSanitizer checks the worker here. */
	exit(rc == 0 ? 0 : 1);
}

/* Fork the worker of slot. Returns its pid, or -1 (logged). */
static pid_t
worker_spawn(int fd, int slot)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_error("master: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker_main(fd, slot);
	metrics_worker(slot, pid);
	return pid;
}

/* Remove the unix socket file (nothing to do for TCP). */
static void
socket_remove(void)
{
	if (!http_is_tcp(config.socket))
		unlink(config.socket);
}

/* Check the secrets and files that other parts rely on: refuse to start without them. */
static int
check_secrets(void)
{
	unsigned char	 key[512];	/* a decoded secret, wiped before returning */
	int		 rc = -1;

	if (config_hex(config.jwt_secret, key, sizeof(key)) < 32) {
		fprintf(stderr, "streamify-fcgi: jwt_secret must be at least 32 bytes "
		    "written as 64 or more hex digits\n");
		goto out;
	}
	if (config_hex(config.media_secret, key, sizeof(key)) < 32) {
		fprintf(stderr, "streamify-fcgi: media_secret must be at least 32 bytes "
		    "written as 64 or more hex digits\n");
		goto out;
	}
	/* New passwords are checked against cracklib's dictionary: it must be there. */
	if (pwpolicy_ready(config.password_dict) == -1) {
		fprintf(stderr, "streamify-fcgi: the cracklib dictionary cannot be read (install "
		    "cracklib-runtime, or set password_dict)\n");
		goto out;
	}
	rc = 0;
out:
	crypto_wipe(key, sizeof(key));
	return rc;
}

int
main(int argc, char *argv[])
{
	struct worker		 workers[MAX_WORKERS];
	struct sigaction	 sa;
	sigset_t		 block, old;
	const char		*cfgpath = NULL, *pidfile = NULL, *nworkers = NULL;
	char			 err[256];
	long			 ncpu;
	int			 fd, i, n, status, alive, version = 0;
	const struct opt	 opts[] = {
		{ "config", 'c', OPT_STR, &cfgpath, 0, 0, NULL },
		{ "pidfile", 'p', OPT_STR, &pidfile, 0, 0, NULL },
		{ "workers", 'w', OPT_STR, &nworkers, 0, 0, NULL },
		{ "version", 'V', OPT_FLAG, &version, 0, 0, NULL },
		OPT_END
	};
	pid_t			 pid;
	FILE			*f;

	if ((status = options_parse(argc, argv, opts, OPTS_NO_OPERANDS, usage, NULL)) != -1)
		return status;
	if (version) {
		printf("streamify-fcgi %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (config_load(cfgpath) == -1)
		return 1;
	if (nworkers != NULL && config_set("workers", nworkers, err, sizeof(err)) == -1) {
		fprintf(stderr, "streamify-fcgi: --workers: %s\n", err);
		return 1;
	}
	if (check_secrets() == -1)
		return 1;
	if (cors_check(config.cors_origins, err, sizeof(err)) == -1 ||
	    addr_list_check("metrics_allow", config.metrics_allow, err, sizeof(err)) == -1 ||
	    addr_list_check("socket_allow", config.socket_allow, err, sizeof(err)) == -1) {
		fprintf(stderr, "streamify-fcgi: %s\n", err);
		return 1;
	}
	log_set_level(config.log_level);
	n = (int)config.workers;
	if (n == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		n = ncpu > 0 ? (int)(ncpu > MAX_WORKERS ? MAX_WORKERS : ncpu) : 1;
	}

	/* Signals are blocked except while the master waits for them. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);

	if ((fd = http_listen(config.socket, (int)config.listen_backlog)) < 0)
		return 1;
	if (!http_is_tcp(config.socket) && config.socket_group[0] != '\0') {
		struct group	*gr = getgrnam(config.socket_group);

		if (gr == NULL || chown(config.socket, (uid_t)-1, gr->gr_gid) == -1) {
			fprintf(stderr, "streamify-fcgi: socket_group \"%s\": %s\n",
			    config.socket_group, gr ? strerror(errno) : "no such group");
			socket_remove();
			return 1;
		}
	}
	if (!http_is_tcp(config.socket) && chmod(config.socket, (mode_t)config.socket_mode) == -1) {
		fprintf(stderr, "streamify-fcgi: chmod %s: %s\n", config.socket, strerror(errno));
		socket_remove();
		return 1;
	}
	if (pidfile != NULL) {
		if ((f = fopen(pidfile, "w")) == NULL) {
			fprintf(stderr, "streamify-fcgi: %s: %s\n", pidfile, strerror(errno));
			socket_remove();
			return 1;
		}
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
	log_info("master: listening on %s with %d workers (version %s)", config.socket, n,
	    PACKAGE_VERSION);

	/* The versions the workers share (lib/board.c); without it each reads its own. */
	if (board_init() == -1)
		log_warn("master: no shared versions board: %s", strerror(errno));
	/* The host's memory of anonymous catalog answers (lib/shcache.c), shared the same way. */
	if (shcache_init((size_t)config.shared_cache_mb << 20) == -1)
		log_warn("master: no shared answer memory: %s (each worker keeps its own)",
		    strerror(errno));
	/* The pool's counters for /metrics (lib/metrics.c), shared the same way. */
	if (metrics_init(n) == -1)
		log_warn("master: no shared metrics: %s", strerror(errno));
	memset(workers, 0, sizeof(workers));
	for (i = 0; i < n; i++) {
		workers[i].pid = worker_spawn(fd, i);
		workers[i].started = time(NULL);
	}

	while (!stop) {
		sigsuspend(&old);
		if (!child_died)
			continue;
		child_died = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < n; i++) {
				if (workers[i].pid != pid)
					continue;
				if (WIFSIGNALED(status))
					log_warn("master: worker %d killed by signal %d", (int)pid,
					    WTERMSIG(status));
				else
					log_warn("master: worker %d exited with %d", (int)pid,
					    WEXITSTATUS(status));
				workers[i].pid = 0;
				metrics_worker(i, 0);
			}
		}
		for (i = 0; i < n && !stop; i++) {
			if (workers[i].pid != 0)
				continue;
			/* A worker that keeps dying at once is re-forked at most once a second. */
			if (time(NULL) - workers[i].started < 1)
				sleep(1);
			workers[i].pid = worker_spawn(fd, i);
			workers[i].started = time(NULL);
			log_info("master: started worker %d", (int)workers[i].pid);
		}
	}

	/* Drain: each worker finishes its request in flight, then exits. */
	log_info("master: stopping %d workers", n);
	for (i = 0; i < n; i++)
		if (workers[i].pid > 0)
			kill(workers[i].pid, SIGTERM);
	close(fd);
	socket_remove();
	for (alive = 1; alive;) {
		alive = 0;
		for (i = 0; i < n; i++) {
			if (workers[i].pid <= 0)
				continue;
			if (waitpid(workers[i].pid, &status, 0) == workers[i].pid ||
			    errno == ECHILD)
				workers[i].pid = 0;
			else
				alive = 1;
		}
	}
	if (pidfile != NULL)
		unlink(pidfile);
	log_info("master: stopped");
	config_free();
	return 0;
}
