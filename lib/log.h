/* log.h: one-line log records on standard error, in logfmt (key=value). */
#ifndef STREAMIFY_LOG_H
#define STREAMIFY_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Set the lowest level written, by name ("debug" ... "error"). */
void	log_set_level(const char *name);

/* Write one record: time, level, pid and the formatted message. */
void	log_msg(enum log_level level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...)	log_msg(LOG_ERROR, __VA_ARGS__)

/*
 * Write the access record of one request:
 * time=... level=info pid=... rid=... method=GET route="/movies/{id}"
 * status=200 us=412 user=7 db=1234
 * db is the database connection's id (MariaDB's processlist and logs show
 * it as Id), 0 when none was made.
 */
void	log_request(const char *rid, const char *method, const char *route,
	    int status, long long us, long long user_id, unsigned long db_id);

/*
 * The request id the records written from now on carry (rid=...), until
 * called with NULL; the string must live that long.
 */
void	log_set_request(const char *rid);

/* Format the current UTC time as 2026-11-25T16:15:10.123Z into buf (25 bytes). */
void	log_time(char *buf, unsigned long len);

#endif
