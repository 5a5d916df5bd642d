/* mail.h: the mails the test stack's fake mail server received (tests/fake-smtp writes them to VAR/mail). */
#ifndef STREAMIFY_TEST_MAIL_H
#define STREAMIFY_TEST_MAIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAIL_MAX	65536

/* Read mail file name of VAR/mail into buf (MAIL_MAX bytes); 0 or -1. */
static __attribute__((unused)) int
mail_read(const char *name, char *buf)
{
	char	 path[1024];
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof(path), "%s/mail/%s", getenv("STREAMIFY_TEST_VAR") ?
	    getenv("STREAMIFY_TEST_VAR") : ".", name);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	n = fread(buf, 1, MAIL_MAX - 1, f);
	buf[n] = '\0';
	fclose(f);
	return 0;
}

/*
 * How many mails went to addr (by the envelope), and the
 * newest of them into newest (MAIL_MAX bytes, may be NULL).
 */
static __attribute__((unused)) int
mail_to(const char *addr, char *newest)
{
	static char	 buf[MAIL_MAX];
	char		 dir[1024], line[512], best[64] = "";
	struct dirent	*e;
	DIR		*d;
	int		 n = 0;

	snprintf(dir, sizeof(dir), "%s/mail", getenv("STREAMIFY_TEST_VAR") ?
	    getenv("STREAMIFY_TEST_VAR") : ".");
	snprintf(line, sizeof(line), "X-Envelope-To: %s\r\n", addr);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t	 len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".eml") != 0 || mail_read(e->d_name, buf))
			continue;
		if (strstr(buf, line) == NULL)
			continue;
		n++;
		if (strcmp(e->d_name, best) > 0)
			snprintf(best, sizeof(best), "%s", e->d_name);
	}
	closedir(d);
	if (newest != NULL && (best[0] == '\0' || mail_read(best, newest) == -1))
		newest[0] = '\0';
	return n;
}

/*
 * Wait (up to 10 s: mail goes after the answer) until more than seen mails
 * went to addr; the newest into newest. Returns 1 when one came.
 */
static __attribute__((unused)) int
mail_wait(const char *addr, int seen, char *newest)
{
	int	 i;

	for (i = 0; i < 200; i++) {
		if (mail_to(addr, newest) > seen)
			return 1;
		usleep(50000);
	}
	return 0;
}

/* The token of the link "...<marker><token>" in a mail into tok (len bytes); 0 or -1. */
static __attribute__((unused)) int
mail_token(const char *mail, const char *marker, char *tok, size_t len)
{
	const char	*p = mail ? strstr(mail, marker) : NULL;
	size_t		 n = 0;

	if (p == NULL)
		return -1;
	for (p += strlen(marker); n + 1 < len && (*p == '-' || *p == '_' ||
	    (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')); p++)
		tok[n++] = *p;
	tok[n] = '\0';
	return n > 0 ? 0 : -1;
}

/*
 * The token of the newest mail to addr that has a link "<marker><token>"
 * into tok (len bytes), its text into text (MAIL_MAX bytes, may be NULL).
 * Returns 0, or -1 when there is none.
 */
static __attribute__((unused)) int
mail_link(const char *addr, const char *marker, char *tok, size_t len, char *text)
{
	static char	 buf[MAIL_MAX];
	char		 dir[1024], line[512], best[64] = "";
	struct dirent	*e;
	DIR		*d;

	snprintf(dir, sizeof(dir), "%s/mail", getenv("STREAMIFY_TEST_VAR") ?
	    getenv("STREAMIFY_TEST_VAR") : ".");
	snprintf(line, sizeof(line), "X-Envelope-To: %s\r\n", addr);
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t	 n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 4, ".eml") != 0 || strcmp(e->d_name, best) <= 0 ||
		    mail_read(e->d_name, buf) || strstr(buf, line) == NULL || strstr(buf, marker) == NULL)
			continue;
		snprintf(best, sizeof(best), "%s", e->d_name);
	}
	closedir(d);
	if (best[0] == '\0' || mail_read(best, buf) == -1)
		return -1;
	if (text != NULL)
		memcpy(text, buf, MAIL_MAX);
	return mail_token(buf, marker, tok, len);
}

/*
 * Wait (up to 10 s: mail goes after the answer) for a mail to addr with a
 * link "<marker><token>" whose token is not prev; the token into tok and
 * the mail into text (may be NULL). Returns 1 when one came.
 */
static __attribute__((unused)) int
mail_wait_link(const char *addr, const char *marker, const char *prev, char *tok, size_t len,
    char *text)
{
	int	 i;

	for (i = 0; i < 200; i++) {
		if (mail_link(addr, marker, tok, len, text) == 0 && strcmp(tok, prev) != 0)
			return 1;
		usleep(50000);
	}
	tok[0] = '\0';
	return 0;
}

/*
 * Wait (up to 10 s) until the fake mail server has no session open: a mail
 * lands in its directory before the worker's QUIT, so a test that stops the
 * server waits for this first. Returns 1 when it came to none.
 */
static __attribute__((unused)) int
mail_wait_idle(void)
{
	char	 path[1024], line[32];
	FILE	*f;
	int	 i, open = -1;

	snprintf(path, sizeof(path), "%s/mail/.open", getenv("STREAMIFY_TEST_VAR") ?
	    getenv("STREAMIFY_TEST_VAR") : ".");
	for (i = 0; i < 200; i++) {
		open = -1;
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(line, sizeof(line), f) != NULL)
				open = atoi(line);
			fclose(f);
		}
		if (open == 0)
			return 1;
		usleep(50000);
	}
	return 0;
}

#endif
