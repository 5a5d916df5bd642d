/* device.h: the label of the device a login was made on: cleaned from the client, or read from its User-Agent (pure). */
#ifndef STREAMIFY_DEVICE_H
#define STREAMIFY_DEVICE_H

#include <stddef.h>

#define DEVICE_LABEL_CHARS	64	/* characters (code points) of a label */
#define DEVICE_LABEL_MAX	(DEVICE_LABEL_CHARS * 4 + 1)	/* bytes, NUL included */
#define DEVICE_UNKNOWN		"Unknown device"

/*
 * Clean a label a client gave (UTF-8) into out (DEVICE_LABEL_MAX bytes):
 * invalid UTF-8, control characters (C0, DEL, C1), and the invisible
 * formatting characters that could make a label read as another in a list
 * (zero-width ones, bidirectional overrides and isolates, the BOM) are
 * dropped; every run of white space becomes one space; the ends are
 * trimmed; the result is cut to DEVICE_LABEL_CHARS characters on a
 * character boundary. Returns the length of out (0 when nothing is left).
 */
size_t	device_clean(const char *in, char *out);

/*
 * A short label for a User-Agent header (ua may be NULL) into out
 * (DEVICE_LABEL_MAX bytes): "<browser or app> on <system>" when both are
 * recognised ("Firefox on Windows", "Safari on iPhone", "Chrome on
 * Android"), the one that is recognised alone ("Apple TV", "curl"), else
 * the header's first product token cleaned ("StreamifyTV/3.1"), else
 * DEVICE_UNKNOWN. Never longer than DEVICE_LABEL_CHARS characters.
 * Returns the length of out.
 */
size_t	device_from_user_agent(const char *ua, char *out);

/*
 * The label of a new login into out (DEVICE_LABEL_MAX bytes): the client's
 * own (given, may be NULL) when anything is left of it after device_clean,
 * else device_from_user_agent(ua). Returns the length of out (at least 1).
 */
size_t	device_label(const char *given, const char *ua, char *out);

/*
 * Whether addr is the text of an IPv4 or IPv6 address as nginx passes
 * REMOTE_ADDR (hex digits, '.', ':', at most 45 bytes): what a login's last
 * address may be. Returns 1 or 0.
 */
int	device_address_ok(const char *addr);

#endif
