/* metrics.c: the pool's counters in shared memory, and their Prometheus text exposition. */
#include <dirent.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "metrics.h"

#define NMETHODS	8	/* GET HEAD POST PUT PATCH DELETE OPTIONS, then any other */
#define NCLASSES	5	/* 1xx .. 5xx */
#define NBUCKETS	16	/* request duration: the bounds below, then +Inf */
#define NTRIPS		11	/* statements per request: the bounds below, then +Inf */
#define NDBERR		7	/* db_rc classes, by -rc (0 unused) */
#define UNMATCHED	METRICS_MAX_ROUTES	/* the row of requests no route took */

static const char *const methods[NMETHODS] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"
};
/* Upper bounds of the duration buckets, in microseconds: 0.25 ms .. 10 s. */
static const long long bounds_us[NBUCKETS - 1] = {
	250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000, 5000000, 10000000
};
static const char *const bounds_s[NBUCKETS - 1] = {
	"0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
	"0.25", "0.5", "1", "2.5", "5", "10"
};
static const unsigned trip_bounds[NTRIPS - 1] = { 0, 1, 2, 3, 4, 5, 6, 8, 12, 20 };
static const char *const memories[MEM__MAX] = {
	"catalog", "recommendations", "neighbours", "logins", "viewers"
};
static const char *const db_errors[NDBERR] = {
	"", "unavailable", "duplicate", "deadlock", "foreign_key", "internal", "not_found"
};
static const char *const auth_events[AUTH__MAX] = {
	"login_succeeded", "login_failed", "login_throttled", "token_refreshed",
	"token_reuse_detected"
};

/* Everything the pool shares; counters only grow, gauges are set. */
struct shm {
	atomic_ullong	 requests[METRICS_MAX_ROUTES + 1][NMETHODS][NCLASSES];
	atomic_ullong	 duration[METRICS_MAX_ROUTES + 1][NBUCKETS];
	atomic_ullong	 duration_us[METRICS_MAX_ROUTES + 1];
	atomic_ullong	 trips[NTRIPS];
	atomic_ullong	 trips_sum;
	atomic_ullong	 mem_lookups[MEM__MAX];
	atomic_ullong	 mem_hits[MEM__MAX];
	atomic_ullong	 board_reads[2];	/* shared, database */
	atomic_ullong	 db_statements;
	atomic_ullong	 db_errors[NDBERR];
	atomic_ullong	 db_reconnects;
	atomic_ullong	 auth[AUTH__MAX];
	atomic_ullong	 replica_reads[2];	/* primary, replica */
	atomic_ullong	 replica_switches[2];	/* to the primary, back to the replica */
	atomic_ullong	 restarts;
	atomic_int	 workers;		/* configured */
	atomic_int	 master_pid;
	atomic_int	 pid[METRICS_MAX_SLOTS];	/* 0: no worker in the slot */
	atomic_int	 busy[METRICS_MAX_SLOTS];	/* a request in flight */
};

static struct shm	*m;		/* NULL: counting is off */
static int		 slot = -1;	/* this worker's slot */
static unsigned		 trips;		/* statements of this request so far */

#define ADD(x)	atomic_fetch_add_explicit(&(x), 1, memory_order_relaxed)

int
metrics_init(int workers)
{
	void	*p;

	if (m != NULL)
		return 0;
	if (!config.metrics)
		return 0;
	p = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	m = p;
	atomic_store(&m->workers, workers);
	atomic_store(&m->master_pid, (int)getpid());
	return 0;
}

int
metrics_enabled(void)
{
	return m != NULL;
}

void
metrics_worker(int s, pid_t pid)
{
	if (m == NULL || s < 0 || s >= METRICS_MAX_SLOTS)
		return;
	if (pid == 0) {
		/* Died: marked -1, and a worker killed in a request leaves none in flight. */
		atomic_store(&m->pid[s], -1);
		atomic_store(&m->busy[s], 0);
		return;
	}
	if (atomic_exchange(&m->pid[s], (int)pid) == -1)
		ADD(m->restarts);
}

void
metrics_set_slot(int s)
{
	slot = s;
}

void
metrics_request_begin(void)
{
	trips = 0;
	if (m != NULL && slot >= 0 && slot < METRICS_MAX_SLOTS)
		atomic_store_explicit(&m->busy[slot], 1, memory_order_relaxed);
}

/* The index of a method in methods[]. */
static int
method_index(const char *method)
{
	int	 i;

	for (i = 0; method != NULL && i < NMETHODS - 1; i++)
		if (strcmp(methods[i], method) == 0)
			return i;
	return NMETHODS - 1;
}

void
metrics_request_end(int route, const char *method, int status, long long us)
{
	int	 r = route >= 0 && route < METRICS_MAX_ROUTES ? route : UNMATCHED;
	int	 c = status / 100 - 1, b, t;

	if (m == NULL)
		return;
	if (c < 0 || c >= NCLASSES)
		c = NCLASSES - 1;
	if (us < 0)
		us = 0;
	ADD(m->requests[r][method_index(method)][c]);
	for (b = 0; b < NBUCKETS - 1 && us > bounds_us[b]; b++)
		;
	ADD(m->duration[r][b]);
	atomic_fetch_add_explicit(&m->duration_us[r], (unsigned long long)us, memory_order_relaxed);
	for (t = 0; t < NTRIPS - 1 && trips > trip_bounds[t]; t++)
		;
	ADD(m->trips[t]);
	atomic_fetch_add_explicit(&m->trips_sum, trips, memory_order_relaxed);
	if (slot >= 0 && slot < METRICS_MAX_SLOTS)
		atomic_store_explicit(&m->busy[slot], 0, memory_order_relaxed);
}

void
metrics_memory(enum metrics_memory mem, int hit)
{
	if (m == NULL || (unsigned)mem >= MEM__MAX)
		return;
	ADD(m->mem_lookups[mem]);
	if (hit)
		ADD(m->mem_hits[mem]);
}

void
metrics_board(int from_database)
{
	if (m != NULL)
		ADD(m->board_reads[from_database ? 1 : 0]);
}

void
metrics_db_statement(void)
{
	trips++;
	if (m != NULL)
		ADD(m->db_statements);
}

void
metrics_db_error(int rc)
{
	if (m != NULL && rc < 0 && -rc < NDBERR)
		ADD(m->db_errors[-rc]);
}

void
metrics_db_reconnect(void)
{
	if (m != NULL)
		ADD(m->db_reconnects);
}

void
metrics_replica_read(int replica)
{
	if (m != NULL)
		ADD(m->replica_reads[replica ? 1 : 0]);
}

void
metrics_replica_switch(int to_replica)
{
	if (m != NULL)
		ADD(m->replica_switches[to_replica ? 1 : 0]);
}

void
metrics_auth(enum metrics_auth e)
{
	if (m != NULL && (unsigned)e < AUTH__MAX)
		ADD(m->auth[e]);
}

int
metrics_printf(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(*buf ? *buf + *len : NULL, *buf ? *cap - *len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return -1;
		if (*buf != NULL && *len + (size_t)n < *cap) {
			*len += (size_t)n;
			return 0;
		}
		if ((p = realloc(*buf, *cap + (size_t)n + 8192)) == NULL)
			return -1;
		*buf = p;
		*cap += (size_t)n + 8192;
	}
}

/* Write s into a label value: backslash, quote and newline escaped. */
static void
label_escape(char *out, size_t outlen, const char *s)
{
	size_t	 o = 0;

	for (; *s != '\0' && o + 3 < outlen; s++) {
		if (*s == '\\' || *s == '"') {
			out[o++] = '\\';
			out[o++] = *s;
		} else if (*s == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else
			out[o++] = *s;
	}
	out[o] = '\0';
}

/* One process's CPU seconds, resident bytes, start time and open descriptors, from /proc. */
static int
proc_sample(pid_t pid, double *cpu, double *rss, double *start, long *fds)
{
	char		 path[64], text[1024], *p;
	FILE		*f;
	DIR		*d;
	struct dirent	*e;
	unsigned long	 utime, stime;
	unsigned long long starttime;
	long		 rsspages;
	static double	 btime;
	size_t		 n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	/* Fields after the command name, which may hold blanks: start at the last ')'. */
	if ((p = strrchr(text, ')')) == NULL || sscanf(p + 2,
	    "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu %*d %*d %*d %*d %*d %*d %llu %*u %ld",
	    &utime, &stime, &starttime, &rsspages) != 4)
		return -1;
	if (btime == 0 && (f = fopen("/proc/stat", "r")) != NULL) {
		while (fgets(text, sizeof(text), f) != NULL)
			if (sscanf(text, "btime %lf", &btime) == 1)
				break;
		fclose(f);
	}
	*cpu = (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
	*rss = (double)rsspages * (double)sysconf(_SC_PAGESIZE);
	*start = btime + (double)starttime / (double)sysconf(_SC_CLK_TCK);
	*fds = 0;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				(*fds)++;
		closedir(d);
	}
	return 0;
}

#define P(...)	do { if (metrics_printf(buf, len, cap, __VA_ARGS__) == -1) return -1; } while (0)

/*
 * A counter family with one label: its HELP and TYPE lines, then
 * name{label="names[i]"} values[i] for i in [from, n).
 */
static int
render_counters(char **buf, size_t *len, size_t *cap, const char *name, const char *help,
    const char *label, const char *const *names, atomic_ullong *values, size_t from, size_t n)
{
	size_t	 i;

	P("# HELP %s %s\n# TYPE %s counter\n", name, help, name);
	for (i = from; i < n; i++)
		P("%s{%s=\"%s\"} %llu\n", name, label, names[i], atomic_load(&values[i]));
	return 0;
}

/* The process metrics of the master and each live worker, labelled by slot. */
static int
render_processes(char **buf, size_t *len, size_t *cap)
{
	static const struct {
		const char	*name, *type, *help;
		int		 decimals;
	} fam[4] = {
		{ "process_cpu_seconds_total", "counter", "CPU time used, user and system, in seconds.", 2 },
		{ "process_resident_memory_bytes", "gauge", "Resident memory in bytes.", 0 },
		{ "process_start_time_seconds", "gauge", "When the process started, in seconds since the epoch.", 2 },
		{ "process_open_fds", "gauge", "Open file descriptors.", 0 },
	};
	double		 v[METRICS_MAX_SLOTS + 1][4];
	char		 lab[METRICS_MAX_SLOTS + 1][16];
	int		 n = 0, s, f;
	long		 fds;
	pid_t		 pid;

	for (s = -1; s < METRICS_MAX_SLOTS; s++) {
		pid = s < 0 ? atomic_load(&m->master_pid) : atomic_load(&m->pid[s]);
		if (pid <= 0 || proc_sample(pid, &v[n][0], &v[n][1], &v[n][2], &fds) == -1)
			continue;
		v[n][3] = (double)fds;
		if (s < 0)
			snprintf(lab[n], sizeof(lab[n]), "master");
		else
			snprintf(lab[n], sizeof(lab[n]), "%d", s);
		n++;
	}
	for (f = 0; f < 4; f++) {
		P("# HELP %s %s Label slot: the master, or a worker's slot.\n# TYPE %s %s\n",
		    fam[f].name, fam[f].help, fam[f].name, fam[f].type);
		for (s = 0; s < n; s++)
			P("%s{slot=\"%s\"} %.*f\n", fam[f].name, lab[s], fam[f].decimals, v[s][f]);
	}
	return 0;
}

int
metrics_render(char **buf, size_t *len, size_t *cap, const char *const *patterns,
    size_t nroutes)
{
	char			 route[256];
	unsigned long long	 v, cum;
	int			 r, me, c, b, s, alive = 0, busy = 0;

	if (m == NULL)
		return 0;
	P("# HELP streamify_http_requests_total Requests answered by the pool, by route pattern, method and status class.\n"
	    "# TYPE streamify_http_requests_total counter\n");
	for (r = 0; r <= METRICS_MAX_ROUTES; r++) {
		if (r < METRICS_MAX_ROUTES && (size_t)r >= nroutes)
			continue;
		label_escape(route, sizeof(route), r == UNMATCHED ? "unmatched" : patterns[r]);
		for (me = 0; me < NMETHODS; me++)
			for (c = 0; c < NCLASSES; c++)
				if ((v = atomic_load(&m->requests[r][me][c])) > 0)
					P("streamify_http_requests_total{route=\"%s\",method=\"%s\",status=\"%dxx\"} %llu\n",
					    route, methods[me], c + 1, v);
	}
	P("# HELP streamify_http_request_duration_seconds Time from accepting a request to its answer, by route pattern.\n"
	    "# TYPE streamify_http_request_duration_seconds histogram\n");
	for (r = 0; r <= METRICS_MAX_ROUTES; r++) {
		if (r < METRICS_MAX_ROUTES && (size_t)r >= nroutes)
			continue;
		for (cum = 0, b = 0; b < NBUCKETS; b++)
			cum += atomic_load(&m->duration[r][b]);
		if (cum == 0)
			continue;
		label_escape(route, sizeof(route), r == UNMATCHED ? "unmatched" : patterns[r]);
		for (cum = 0, b = 0; b < NBUCKETS; b++) {
			cum += atomic_load(&m->duration[r][b]);
			P("streamify_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %llu\n",
			    route, b < NBUCKETS - 1 ? bounds_s[b] : "+Inf", cum);
		}
		P("streamify_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
		    "streamify_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
		    route, (double)atomic_load(&m->duration_us[r]) / 1e6, route, cum);
	}
	P("# HELP streamify_db_round_trips_per_request Statements a request sent to the database.\n"
	    "# TYPE streamify_db_round_trips_per_request histogram\n");
	for (cum = 0, b = 0; b < NTRIPS; b++) {
		cum += atomic_load(&m->trips[b]);
		if (b < NTRIPS - 1)
			P("streamify_db_round_trips_per_request_bucket{le=\"%u\"} %llu\n", trip_bounds[b], cum);
		else
			P("streamify_db_round_trips_per_request_bucket{le=\"+Inf\"} %llu\n", cum);
	}
	P("streamify_db_round_trips_per_request_sum %llu\nstreamify_db_round_trips_per_request_count %llu\n",
	    atomic_load(&m->trips_sum), cum);

	if (render_counters(buf, len, cap, "streamify_memory_lookups_total",
	    "Lookups in a worker's answer memory, by memory.", "memory", memories,
	    m->mem_lookups, 0, MEM__MAX) == -1 ||
	    render_counters(buf, len, cap, "streamify_memory_hits_total",
	    "Lookups that found a valid answer, by memory.", "memory", memories,
	    m->mem_hits, 0, MEM__MAX) == -1)
		return -1;
	P("# HELP streamify_version_board_reads_total Reads of the shared versions: from the pool's board or the database.\n"
	    "# TYPE streamify_version_board_reads_total counter\n"
	    "streamify_version_board_reads_total{source=\"shared\"} %llu\n"
	    "streamify_version_board_reads_total{source=\"database\"} %llu\n",
	    atomic_load(&m->board_reads[0]), atomic_load(&m->board_reads[1]));
	P("# HELP streamify_db_statements_total Statements the pool sent to the database.\n"
	    "# TYPE streamify_db_statements_total counter\n"
	    "streamify_db_statements_total %llu\n", atomic_load(&m->db_statements));
	if (render_counters(buf, len, cap, "streamify_db_errors_total",
	    "Statements that failed, by class.", "class", db_errors, m->db_errors, 1,
	    NDBERR) == -1)
		return -1;
	P("# HELP streamify_db_reconnects_total Connections a worker made again after losing one.\n"
	    "# TYPE streamify_db_reconnects_total counter\n"
	    "streamify_db_reconnects_total %llu\n", atomic_load(&m->db_reconnects));
	P("# HELP streamify_db_catalog_reads_total Anonymous catalog answers made, by the server they were read from (with db_replicas).\n"
	    "# TYPE streamify_db_catalog_reads_total counter\n"
	    "streamify_db_catalog_reads_total{server=\"primary\"} %llu\n"
	    "streamify_db_catalog_reads_total{server=\"replica\"} %llu\n"
	    "# HELP streamify_db_replica_switches_total A worker's reads moving to the primary (a replica down or lagging) or back.\n"
	    "# TYPE streamify_db_replica_switches_total counter\n"
	    "streamify_db_replica_switches_total{to=\"primary\"} %llu\n"
	    "streamify_db_replica_switches_total{to=\"replica\"} %llu\n",
	    atomic_load(&m->replica_reads[0]), atomic_load(&m->replica_reads[1]),
	    atomic_load(&m->replica_switches[0]), atomic_load(&m->replica_switches[1]));
	P("# HELP streamify_auth_events_total Logins and token refreshes, by what happened.\n"
	    "# TYPE streamify_auth_events_total counter\n");
	for (b = 0; b < AUTH__MAX; b++)
		P("streamify_auth_events_total{event=\"%s\"} %llu\n", auth_events[b],
		    atomic_load(&m->auth[b]));

	for (s = 0; s < METRICS_MAX_SLOTS; s++) {
		if (atomic_load(&m->pid[s]) > 0)
			alive++;
		busy += atomic_load(&m->busy[s]) > 0;
	}
	P("# HELP streamify_workers_configured Worker processes the pool is set to keep.\n"
	    "# TYPE streamify_workers_configured gauge\nstreamify_workers_configured %d\n"
	    "# HELP streamify_workers_alive Worker processes running now.\n"
	    "# TYPE streamify_workers_alive gauge\nstreamify_workers_alive %d\n"
	    "# HELP streamify_worker_restarts_total Workers the master forked again after one died.\n"
	    "# TYPE streamify_worker_restarts_total counter\nstreamify_worker_restarts_total %llu\n"
	    "# HELP streamify_requests_in_flight Requests being answered now.\n"
	    "# TYPE streamify_requests_in_flight gauge\nstreamify_requests_in_flight %d\n",
	    atomic_load(&m->workers), alive, atomic_load(&m->restarts), busy);
	return render_processes(buf, len, cap);
}

#undef P
