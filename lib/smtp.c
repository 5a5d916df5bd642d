/* smtp.c: one plain-text mail through an SMTP server, with libcurl's SMTP client (bounded in time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "crypto.h"
#include "hex.h"
#include "smtp.h"

#define SMTP_CONNECT_MAX	5L	/* seconds connecting (and the TLS handshake) may take at most */
#define SMTP_ADDR_MAX		256

/* The message being uploaded, read by libcurl in pieces. */
struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
smtp_read(char *buf, size_t size, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 len = size * n;

	if (len > u->left)
		len = u->left;
	memcpy(buf, u->p, len);
	u->p += len;
	u->left -= len;
	return len;
}

/* Whether s may go in a header or a command: no CR, LF or other control character. */
static int
header_safe(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
smtp_address(const char *from, char *addr, size_t len)
{
	const char	*lt, *gt, *a = from;
	size_t		 n, i;

	if (from == NULL || !header_safe(from))
		return -1;
	if ((lt = strchr(from, '<')) != NULL) {
		if ((gt = strchr(lt, '>')) == NULL)
			return -1;
		a = lt + 1;
		n = (size_t)(gt - a);
	} else {
		while (*a == ' ')
			a++;
		n = strlen(a);
		while (n > 0 && a[n - 1] == ' ')
			n--;
	}
	if (n == 0 || n >= len || memchr(a, '@', n) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (a[i] == ' ' || a[i] == '<' || a[i] == '>' || a[i] == '\t')
			return -1;
	memcpy(addr, a, n);
	addr[n] = '\0';
	return 0;
}

char *
smtp_format(const char *from, const char *to, const char *subject, const char *text,
    const char *date, const char *msgid)
{
	static const char	 fmt[] = "Date: %s\r\nFrom: %s\r\nTo: <%s>\r\nSubject: %s\r\n"
				    "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
				    "Content-Type: text/plain; charset=utf-8\r\n"
				    "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n";
	const char		*p;
	char			*out, *o;
	size_t			 head, lines = 1;
	int			 n;

	if (!header_safe(from) || !header_safe(to) || !header_safe(date) || !header_safe(msgid))
		return NULL;
	for (p = subject; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return NULL;
	for (p = text; *p; p++)
		lines += *p == '\n';
	if ((n = snprintf(NULL, 0, fmt, date, from, to, subject, msgid)) < 0)
		return NULL;
	head = (size_t)n;
	/* Every LF may become CRLF, and the text ends with a line end. */
	if ((out = malloc(head + strlen(text) + lines + 3)) == NULL)
		return NULL;
	snprintf(out, head + 1, fmt, date, from, to, subject, msgid);
	o = out + head;
	for (p = text; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			*o++ = '\r';
		*o++ = *p;
	}
	if (o == out + head || o[-1] != '\n') {
		*o++ = '\r';
		*o++ = '\n';
	}
	*o = '\0';
	return out;
}

/* The reason of a failure into err, from curl's code and its own words. */
static void
smtp_reason(CURLcode rc, const char *detail, char *err)
{
	snprintf(err, SMTP_ERR_MAX, "%s%s%s", curl_easy_strerror(rc), detail[0] ? ": " : "",
	    detail);
}

int
smtp_send(const struct smtp_server *s, const char *to, const char *subject, const char *text,
    char *err)
{
	static int		 inited;
	struct curl_slist	*rcpt = NULL;
	struct upload		 up;
	CURL			*c = NULL;
	CURLcode		 rc;
	time_t			 now = time(NULL);
	struct tm		 tm;
	unsigned char		 rnd[12];
	char			 from[SMTP_ADDR_MAX], mail_from[SMTP_ADDR_MAX + 2], rcpt_to[SMTP_ADDR_MAX + 2];
	char			 date[64], msgid[128], hex[sizeof(rnd) * 2 + 1], detail[CURL_ERROR_SIZE];
	char			*msg = NULL;
	const char		*domain;
	int			 ret = -1;

	err[0] = detail[0] = '\0';
	if (s->url == NULL || s->url[0] == '\0') {
		snprintf(err, SMTP_ERR_MAX, "no smtp_url is set");
		return -1;
	}
	if (strncasecmp(s->url, "smtp://", 7) != 0 && strncasecmp(s->url, "smtps://", 8) != 0) {
		snprintf(err, SMTP_ERR_MAX, "smtp_url must start with smtp:// or smtps://");
		return -1;
	}
	if (smtp_address(s->from, from, sizeof(from)) == -1) {
		snprintf(err, SMTP_ERR_MAX, "smtp_from has no usable address");
		return -1;
	}
	if (to == NULL || !header_safe(to) || strchr(to, '@') == NULL || strchr(to, '<') ||
	    strchr(to, '>') || strchr(to, ' ') || strlen(to) >= SMTP_ADDR_MAX) {
		snprintf(err, SMTP_ERR_MAX, "the recipient is not a plain address");
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (crypto_random(rnd, sizeof(rnd)) == -1) {
		snprintf(err, SMTP_ERR_MAX, "no random bytes for a Message-ID");
		return -1;
	}
	hex_encode(rnd, sizeof(rnd), hex);
	domain = strchr(from, '@') + 1;
	snprintf(msgid, sizeof(msgid), "%s@%s", hex, domain);
	if ((msg = smtp_format(s->from, to, subject, text, date, msgid)) == NULL) {
		snprintf(err, SMTP_ERR_MAX, "the message cannot be made (a header has a line break, "
		    "or out of memory)");
		return -1;
	}
	snprintf(mail_from, sizeof(mail_from), "<%s>", from);
	snprintf(rcpt_to, sizeof(rcpt_to), "<%s>", to);
	if (!inited && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, SMTP_ERR_MAX, "curl_global_init failed");
		goto out;
	}
	inited = 1;
	if ((c = curl_easy_init()) == NULL || (rcpt = curl_slist_append(NULL, rcpt_to)) == NULL) {
		snprintf(err, SMTP_ERR_MAX, "out of memory");
		goto out;
	}
	up.p = msg;
	up.left = strlen(msg);
	curl_easy_setopt(c, CURLOPT_URL, s->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, s->timeout > 0 ? s->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, s->timeout > 0 &&
	    s->timeout < SMTP_CONNECT_MAX ? s->timeout : SMTP_CONNECT_MAX);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file != NULL && s->ca_file[0] != '\0')
		curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file);
	if (s->starttls && strncasecmp(s->url, "smtp://", 7) == 0)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		smtp_reason(rc, detail, err);
		goto out;
	}
	ret = 0;
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (msg != NULL) {
		crypto_wipe(msg, strlen(msg));	/* it may carry a single-use token */
		free(msg);
	}
	return ret;
}
