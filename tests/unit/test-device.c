/* test-device.c: device labels: what a client sends is cleaned and bounded; User-Agents read. */
#include <string.h>

#include "check_main.h"
#include "device.h"

/* device_clean into a fresh buffer. */
static const char *
clean(const char *in)
{
	static char	 out[DEVICE_LABEL_MAX];

	device_clean(in, out);
	return out;
}

/* device_from_user_agent into a fresh buffer. */
static const char *
ua(const char *s)
{
	static char	 out[DEVICE_LABEL_MAX];

	device_from_user_agent(s, out);
	return out;
}

/* Characters (code points) of a UTF-8 string. */
static size_t
chars(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

START_TEST(clean_keeps_text)
{
	ck_assert_str_eq(clean("Living room TV"), "Living room TV");
	ck_assert_str_eq(clean("Anna's iPhone"), "Anna's iPhone");
	ck_assert_str_eq(clean("T\xc3\xa9l\xc3\xa9phone de L\xc3\xa9o \xf0\x9f\x93\xb1"),
	    "T\xc3\xa9l\xc3\xa9phone de L\xc3\xa9o \xf0\x9f\x93\xb1");
}
END_TEST

START_TEST(clean_white_space)
{
	ck_assert_str_eq(clean("  my \t\n  laptop  "), "my laptop");
	ck_assert_str_eq(clean("a\xc2\xa0\xe3\x80\x80" "b"), "a b");	/* no-break, ideographic */
	ck_assert_str_eq(clean(" \t\r\n"), "");
	ck_assert_str_eq(clean(""), "");
	ck_assert_str_eq(clean(NULL), "");
}
END_TEST

/* Control and invisible formatting characters go: a label cannot pass for another. */
START_TEST(clean_drops_controls_and_format)
{
	ck_assert_str_eq(clean("tv\x01\x1b[31m\x7f"), "tv[31m");
	ck_assert_str_eq(clean("a\xc2\x85" "b"), "a b");			/* NEL is a line break */
	ck_assert_str_eq(clean("a\xc2\x9b" "b"), "ab");			/* C1 CSI */
	ck_assert_str_eq(clean("\xe2\x80\xaeVT gnivil"), "VT gnivil");	/* right-to-left override */
	ck_assert_str_eq(clean("i\xe2\x80\x8bPad"), "iPad");		/* zero-width space */
	ck_assert_str_eq(clean("\xef\xbb\xbfphone"), "phone");		/* BOM */
	ck_assert_str_eq(clean("x\xe2\x81\xa6y\xe2\x81\xa9"), "xy");	/* isolates */
}
END_TEST

START_TEST(clean_drops_invalid_utf8)
{
	ck_assert_str_eq(clean("ab\xff" "c"), "abc");
	ck_assert_str_eq(clean("\xc0\xaf" "x"), "x");			/* overlong '/' */
	ck_assert_str_eq(clean("\xed\xa0\x80" "y"), "y");		/* a surrogate */
	ck_assert_str_eq(clean("z\xe2\x82"), "z");			/* cut short */
	ck_assert_str_eq(clean("\xf4\x90\x80\x80" "q"), "q");		/* past U+10FFFF */
}
END_TEST

/* At most DEVICE_LABEL_CHARS characters, cut between characters. */
START_TEST(clean_bounds)
{
	char	 in[1024], out[DEVICE_LABEL_MAX];
	size_t	 i;

	memset(in, 'x', 200);
	in[200] = '\0';
	ck_assert_uint_eq(device_clean(in, out), DEVICE_LABEL_CHARS);
	for (i = 0; i < 100; i++)
		memcpy(in + i * 4, "\xf0\x9f\x8e\xac", 4);			/* 100 clapper boards */
	in[400] = '\0';
	device_clean(in, out);
	ck_assert_uint_eq(chars(out), DEVICE_LABEL_CHARS);
	ck_assert_uint_eq(strlen(out), DEVICE_LABEL_CHARS * 4);
	memset(in, ' ', 63);
	in[63] = 'a';
	in[64] = ' ';
	in[65] = 'b';
	in[66] = '\0';
	ck_assert_str_eq(clean(in), "a b");
	for (i = 0; i < 63; i++)
		in[i] = 'a';
	in[63] = ' ';
	in[64] = 'b';
	in[65] = '\0';
	device_clean(in, out);
	ck_assert_uint_eq(strlen(out), 63);				/* no space left at the end */
}
END_TEST

START_TEST(user_agents_browsers)
{
	ck_assert_str_eq(ua("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"), "Chrome on Windows");
	ck_assert_str_eq(ua("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91"), "Edge on Windows");
	ck_assert_str_eq(ua("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"),
	    "Firefox on Linux");
	ck_assert_str_eq(ua("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
	    "(KHTML, like Gecko) Version/17.1 Safari/605.1.15"), "Safari on macOS");
	ck_assert_str_eq(ua("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
	    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"),
	    "Safari on iPhone");
	ck_assert_str_eq(ua("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
	    "(KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1"), "Chrome on iPad");
	ck_assert_str_eq(ua("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
	    "like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36"), "Chrome on Android");
	ck_assert_str_eq(ua("Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, "
	    "like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36"),
	    "Samsung Internet on Android");
	ck_assert_str_eq(ua("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, "
	    "like Gecko) Chrome/120.0.0.0 Safari/537.36"), "Chrome on ChromeOS");
	ck_assert_str_eq(ua("Mozilla/5.0 (Linux; Android 14; wv) AppleWebKit/537.36"),
	    "Browser on Android");
}
END_TEST

START_TEST(user_agents_devices_and_apps)
{
	ck_assert_str_eq(ua("AppleCoreMedia/1.0.0.20K71 (Apple TV; U; CPU OS 16_1 like Mac OS X; "
	    "en_us) AppleTV/16.1"), "Apple TV");
	ck_assert_str_eq(ua("Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/538.1 (KHTML, "
	    "like Gecko) Version/6.0 TV Safari/538.1"), "Samsung TV");
	ck_assert_str_eq(ua("Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36"), "LG TV");
	ck_assert_str_eq(ua("Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like "
	    "Gecko) Chrome/114.0.0.0 Safari/537.36 CrKey/1.56.500000"), "Chromecast");
	ck_assert_str_eq(ua("Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7233) AppleWebKit/537.36"),
	    "Fire TV");
	ck_assert_str_eq(ua("curl/8.5.0"), "curl");
	ck_assert_str_eq(ua("StreamifyTV/3.1 (Android 12; Shield)"), "StreamifyTV/3.1 on Android");
	ck_assert_str_eq(ua("Streamify/2.4.0 CFNetwork/1474 Darwin/23.0.0"), "Streamify/2.4.0");
	ck_assert_str_eq(ua("okhttp/4.12.0"), "okhttp/4.12.0");
}
END_TEST

START_TEST(user_agents_unknown_and_hostile)
{
	char	 big[2048];

	ck_assert_str_eq(ua(NULL), DEVICE_UNKNOWN);
	ck_assert_str_eq(ua(""), DEVICE_UNKNOWN);
	ck_assert_str_eq(ua("Mozilla/5.0"), DEVICE_UNKNOWN);
	ck_assert_str_eq(ua("\x01\x02"), DEVICE_UNKNOWN);
	ck_assert_str_eq(ua("bad\x1b[2Jtool/1"), "bad[2Jtool/1");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ua(big);
	ck_assert_uint_le(chars(ua(big)), DEVICE_LABEL_CHARS);
	ck_assert_uint_eq(strlen(ua(big)), 40);
}
END_TEST

START_TEST(label_prefers_the_client)
{
	char	 out[DEVICE_LABEL_MAX];

	ck_assert_uint_gt(device_label("Kitchen tablet", "curl/8", out), 0);
	ck_assert_str_eq(out, "Kitchen tablet");
	device_label(" \xe2\x80\x8b ", "curl/8", out);
	ck_assert_str_eq(out, "curl");
	device_label(NULL, NULL, out);
	ck_assert_str_eq(out, DEVICE_UNKNOWN);
}
END_TEST

START_TEST(addresses)
{
	ck_assert_int_eq(device_address_ok("203.0.113.9"), 1);
	ck_assert_int_eq(device_address_ok("2001:db8::1"), 1);
	ck_assert_int_eq(device_address_ok("::1"), 1);
	ck_assert_int_eq(device_address_ok("unix:"), 0);
	ck_assert_int_eq(device_address_ok("1"), 0);
	ck_assert_int_eq(device_address_ok("10.0.0.1\n"), 0);
	ck_assert_int_eq(device_address_ok(NULL), 0);
	ck_assert_int_eq(device_address_ok("0000:0000:0000:0000:0000:ffff:255.255.255.2555"), 0);
}
END_TEST

CHECK_MAIN("device", clean_keeps_text, clean_white_space, clean_drops_controls_and_format,
    clean_drops_invalid_utf8, clean_bounds, user_agents_browsers, user_agents_devices_and_apps,
    user_agents_unknown_and_hostile, label_prefers_the_client, addresses)
