/* device.c: the label of the device a login was made on: cleaned from the client, or read from its User-Agent. */
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "valid.h"

#define PRODUCT_MAX	40	/* bytes of a User-Agent's first token kept as a label */

/* Whether cp is white space of any kind. */
static int
is_space(unsigned long cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Whether cp is dropped: a control character or an invisible formatting one. */
static int
is_dropped(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb);
}

size_t
device_clean(const char *in, char *out)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 n, len, o = 0, chars = 0;
	unsigned long		 cp;
	int			 space = 0;

	out[0] = '\0';
	if (in == NULL)
		return 0;
	n = strlen(in);
	while (n > 0 && chars < DEVICE_LABEL_CHARS) {
		if ((len = utf8_decode(s, n, &cp)) == 0) {
			s++;
			n--;
			continue;
		}
		if (is_space(cp))
			space = o > 0;
		else if (!is_dropped(cp)) {
			if (space) {
				out[o++] = ' ';
				if (++chars == DEVICE_LABEL_CHARS)
					break;
				space = 0;
			}
			memcpy(out + o, s, len);
			o += len;
			chars++;
		}
		s += len;
		n -= len;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o;
}

/* The first name of names[] (pairs of needle, name) whose needle ua contains, or NULL. */
static const char *
find_name(const char *ua, const char *const names[][2])
{
	size_t	 i;

	for (i = 0; names[i][0] != NULL; i++)
		if (strstr(ua, names[i][0]) != NULL)
			return names[i][1];
	return NULL;
}

size_t
device_from_user_agent(const char *ua, char *out)
{
	/* Devices that are the whole story, then systems; order matters (iPhone before Mac). */
	static const char *const devices[][2] = {
		{ "AppleTV", "Apple TV" }, { "tvOS", "Apple TV" }, { "CrKey", "Chromecast" },
		{ " AFT", "Fire TV" }, { "Tizen", "Samsung TV" }, { "Web0S", "LG TV" },
		{ "webOS", "LG TV" }, { "Roku", "Roku" }, { "PlayStation", "PlayStation" },
		{ "Xbox", "Xbox" }, { "SMART-TV", "Smart TV" }, { "SmartTV", "Smart TV" },
		{ NULL, NULL }
	};
	static const char *const systems[][2] = {
		{ "iPhone", "iPhone" }, { "iPad", "iPad" }, { "iPod", "iPod" },
		{ "Android", "Android" }, { "CrOS", "ChromeOS" }, { "Windows", "Windows" },
		{ "Macintosh", "macOS" }, { "Mac OS X", "macOS" }, { "Linux", "Linux" },
		{ "FreeBSD", "FreeBSD" }, { "OpenBSD", "OpenBSD" }, { NULL, NULL }
	};
	/* Browsers and clients by their own token; those built on another come first. */
	static const char *const clients[][2] = {
		{ "Edg/", "Edge" }, { "EdgA/", "Edge" }, { "EdgiOS/", "Edge" }, { "OPR/", "Opera" },
		{ "SamsungBrowser/", "Samsung Internet" }, { "YaBrowser/", "Yandex Browser" },
		{ "Vivaldi/", "Vivaldi" }, { "Firefox/", "Firefox" }, { "FxiOS/", "Firefox" },
		{ "CriOS/", "Chrome" }, { "Chromium/", "Chromium" }, { "HeadlessChrome/", "Chrome" },
		{ "Chrome/", "Chrome" }, { "Version/", "Safari" }, { "curl/", "curl" },
		{ "Wget/", "Wget" }, { NULL, NULL }
	};
	char		 product[PRODUCT_MAX + 1], label[DEVICE_LABEL_MAX];
	const char	*device, *system, *client;
	size_t		 n;

	out[0] = '\0';
	if (ua == NULL || *ua == '\0')
		goto unknown;
	if ((device = find_name(ua, devices)) != NULL)
		return device_clean(device, out);
	system = find_name(ua, systems);
	client = find_name(ua, clients);
	if (client != NULL && strcmp(client, "Safari") == 0 && strstr(ua, "Safari/") == NULL)
		client = NULL;	/* "Version/" of something else */
	/* The first product token, unless it is the Mozilla/5.0 every browser sends. */
	n = strcspn(ua, " (");
	if (n > PRODUCT_MAX)
		n = PRODUCT_MAX;
	memcpy(product, ua, n);
	product[n] = '\0';
	if (client == NULL && strncmp(product, "Mozilla/", 8) != 0 && product[0] != '\0')
		client = product;
	if (client == NULL && system != NULL)
		client = "Browser";
	if (client != NULL && system != NULL) {
		/* Both parts fit: each is at most PRODUCT_MAX bytes or a short name. */
		snprintf(label, sizeof(label), "%s on %s", client, system);
		if (device_clean(label, out) > 0)
			return strlen(out);
	} else if (client != NULL && device_clean(client, out) > 0)
		return strlen(out);
unknown:
	return device_clean(DEVICE_UNKNOWN, out);
}

size_t
device_label(const char *given, const char *ua, char *out)
{
	size_t	 n;

	if (given != NULL && (n = device_clean(given, out)) > 0)
		return n;
	return device_from_user_agent(ua, out);
}

int
device_address_ok(const char *addr)
{
	size_t	 n, i;
	int	 sep = 0;

	if (addr == NULL || (n = strlen(addr)) < 2 || n > 45)
		return 0;
	for (i = 0; i < n; i++) {
		if (addr[i] == '.' || addr[i] == ':')
			sep = 1;
		else if (!((addr[i] >= '0' && addr[i] <= '9') || (addr[i] >= 'a' && addr[i] <= 'f') ||
		    (addr[i] >= 'A' && addr[i] <= 'F')))
			return 0;
	}
	return sep;
}
