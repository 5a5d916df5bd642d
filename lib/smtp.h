/* smtp.h: one plain-text mail through an SMTP server, with libcurl's SMTP client (bounded in time). */
#ifndef STREAMIFY_SMTP_H
#define STREAMIFY_SMTP_H

#include <stddef.h>

#define SMTP_ERR_MAX	256	/* bytes of a failure's reason */

/* Where and how mail goes: the settings smtp_url, smtp_from, smtp_ca_file, smtp_starttls, smtp_timeout. */
struct smtp_server {
	const char	*url;		/* smtp://HOST[:PORT] or smtps://HOST[:PORT] (TLS from the
					   first byte); USER:PASSWORD@ before HOST logs in */
	const char	*from;		/* "Name <address>" or "address" */
	const char	*ca_file;	/* the CAs a TLS server is checked against; NULL or "": the system's */
	int		 starttls;	/* smtp:// only: require STARTTLS before anything is sent */
	long		 timeout;	/* seconds for the whole exchange, connecting included */
};

/*
 * Send one mail of UTF-8 text to the address to, from s->from, with the
 * given subject (printable ASCII). The message is made here (Date,
 * Message-ID, MIME headers; line ends CRLF). A TLS server's certificate
 * and name are always verified. The exchange takes at most s->timeout
 * seconds (connecting at most 5 of them), however the server behaves.
 * Returns 0 when the server accepted the mail, else -1 with the reason in
 * err (SMTP_ERR_MAX bytes; it never holds the URL or its password).
 * Nothing is sent when to, the sender or the subject could smuggle a
 * header or command in (a CR, LF or NUL, or no address).
 */
int	smtp_send(const struct smtp_server *s, const char *to, const char *subject,
	    const char *text, char *err);

/*
 * The address of a sender ("Name <a@b>" or "a@b") into addr (len bytes).
 * Returns 0, or -1 when there is none or it has a character that has no
 * place in an address (white space, '<', '>', control characters).
 */
int	smtp_address(const char *from, char *addr, size_t len);

/*
 * Format a whole message (headers, blank line, text with CRLF line ends)
 * into a new string the caller frees; date is an RFC 5322 date, msgid the
 * Message-ID without brackets. Returns NULL when out of memory or when a
 * header value has a CR, LF or NUL or the subject is not printable ASCII.
 */
char	*smtp_format(const char *from, const char *to, const char *subject, const char *text,
	    const char *date, const char *msgid);

#endif
