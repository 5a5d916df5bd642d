/* log.c: one-line log records on standard error, in logfmt (key=value). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum log_level	 min_level = LOG_INFO;
static const char	*request_id;	/* of the request being answered, or NULL */
static const char *const level_names[] = { "debug", "info", "warn", "error" };

void
log_set_level(const char *name)
{
	int	 i;

	for (i = 0; i < 4; i++)
		if (strcmp(name, level_names[i]) == 0)
			min_level = (enum log_level)i;
}

void
log_time(char *buf, unsigned long len)
{
	struct timeval	 tv;
	struct tm	 tm;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (int)(tv.tv_usec / 1000));
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char	 ts[32], msg[1024];
	va_list	 ap;
	size_t	 i;

	if (level < min_level)
		return;
	log_time(ts, sizeof(ts));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The message is quoted: keep it on one line and its quotes escaped. */
	for (i = 0; msg[i] != '\0'; i++)
		if (msg[i] == '\n' || msg[i] == '\r' || msg[i] == '"')
			msg[i] = msg[i] == '"' ? '\'' : ' ';
	if (request_id != NULL)
		fprintf(stderr, "time=%s level=%s pid=%d rid=%s msg=\"%s\"\n", ts,
		    level_names[level], (int)getpid(), request_id, msg);
	else
		fprintf(stderr, "time=%s level=%s pid=%d msg=\"%s\"\n", ts, level_names[level],
		    (int)getpid(), msg);
}

void
log_set_request(const char *rid)
{
	request_id = rid;
}

void
log_request(const char *rid, const char *method, const char *route, int status,
    long long us, long long user_id, unsigned long db_id)
{
	char	 ts[32];

	if (LOG_INFO < min_level)
		return;
	log_time(ts, sizeof(ts));
	fprintf(stderr, "time=%s level=info pid=%d rid=%s method=%s route=\"%s\" "
	    "status=%d us=%lld user=%lld db=%lu\n", ts, (int)getpid(), rid, method,
	    route, status, us, user_id, db_id);
}
