/* test-valid.c: the field validators. */
#include "check_main.h"
#include "valid.h"

START_TEST(utf8)
{
	ck_assert_int_eq(valid_utf8("abc", 3, 0), 3);
	ck_assert_int_eq(valid_utf8("L\xc3\xa9on", 5, 0), 4);
	ck_assert_int_eq(valid_utf8("\xf0\x9f\x8e\xac", 4, 0), 1);
	ck_assert_int_eq(valid_utf8("\xc3", 1, 0), -1);		/* truncated */
	ck_assert_int_eq(valid_utf8("\xc0\xaf", 2, 0), -1);	/* overlong */
	ck_assert_int_eq(valid_utf8("\xed\xa0\x80", 3, 0), -1);	/* surrogate */
	ck_assert_int_eq(valid_utf8("\xff", 1, 0), -1);
	ck_assert_int_eq(valid_utf8("a\nb", 3, 0), -1);
	ck_assert_int_eq(valid_utf8("a\nb", 3, 1), 3);
	ck_assert_int_eq(valid_utf8("a\x01", 2, 1), -1);
	ck_assert_int_eq(valid_utf8("a\x7f", 2, 0), -1);		/* DEL */
	ck_assert_int_eq(valid_utf8("\xc2\x85", 2, 1), -1);	/* C1 control */
	ck_assert_int_eq(valid_utf8("\xf4\x90\x80\x80", 4, 0), -1);	/* past U+10FFFF */
}
END_TEST

START_TEST(utf8_decoder)
{
	unsigned long	 cp = 0;

	ck_assert_uint_eq(utf8_decode((const unsigned char *)"A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x20ac);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xf0\x9f\x8e\xac", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f3ac);
	/* refused: a byte short, overlong, a surrogate, past U+10FFFF, a lone continuation, nothing */
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xe2\x82", 2, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xe0\x80\xaf", 3, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xed\xbf\xbf", 3, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"", 0, &cp), 0);
}
END_TEST

START_TEST(numbers)
{
	long long	 v;
	double		 d;

	ck_assert_int_eq(valid_int("42", 1, 100, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(valid_int("-3", -5, 5, &v), 0);
	ck_assert_int_eq(valid_int("101", 1, 100, &v), -1);
	ck_assert_int_eq(valid_int("", 1, 100, &v), -1);
	ck_assert_int_eq(valid_int(" 4", 1, 100, &v), -1);
	ck_assert_int_eq(valid_int("4 ", 1, 100, &v), -1);
	ck_assert_int_eq(valid_int("0x10", 0, 100, &v), -1);
	ck_assert_int_eq(valid_int("99999999999999999999", 0, 100, &v), -1);
	ck_assert_int_eq(valid_num("7.5", 0, 10, &d), 0);
	ck_assert_double_eq(d, 7.5);
	ck_assert_int_eq(valid_num("nan", 0, 10, &d), -1);
	ck_assert_int_eq(valid_num("inf", 0, 10, &d), -1);
	ck_assert_int_eq(valid_num("1e999", 0, 10, &d), -1);
	ck_assert_int_eq(valid_num("10.5", 0, 10, &d), -1);
}
END_TEST

START_TEST(accounts)
{
	ck_assert_int_eq(valid_username("abc"), 0);
	ck_assert_int_eq(valid_username("a.b-c_D9"), 0);
	ck_assert_int_eq(valid_username("ab"), -1);
	ck_assert_int_eq(valid_username("a b c"), -1);
	ck_assert_int_eq(valid_username("abcdefghijklmnopqrstuvwxyz0123456"), -1);
	ck_assert_int_eq(valid_email("a@b.co"), 0);
	ck_assert_int_eq(valid_email("first.last+tag@mail.example.org"), 0);
	ck_assert_int_eq(valid_email("no-at.example.org"), -1);
	ck_assert_int_eq(valid_email("a@b"), -1);
	ck_assert_int_eq(valid_email("a@@b.co"), -1);
	ck_assert_int_eq(valid_email("a b@c.co"), -1);
	ck_assert_int_eq(valid_email(".a@b.co"), -1);
	ck_assert_int_eq(valid_password("12345678"), 0);
	ck_assert_int_eq(valid_password("1234567"), -1);
	ck_assert_int_eq(valid_language("en"), 0);
	ck_assert_int_eq(valid_language("EN"), -1);
}
END_TEST

START_TEST(admin_fields)
{
	ck_assert_int_eq(valid_http_url("https://img.example.org/p/1.jpg"), 0);
	ck_assert_int_eq(valid_http_url("HTTP://example.org"), 0);
	ck_assert_int_eq(valid_http_url("http://example.org:8080/a?b=c#d"), 0);
	ck_assert_int_eq(valid_http_url("ftp://example.org/x"), -1);
	ck_assert_int_eq(valid_http_url("//example.org/x"), -1);
	ck_assert_int_eq(valid_http_url("https://"), -1);
	ck_assert_int_eq(valid_http_url("https:///path"), -1);
	ck_assert_int_eq(valid_http_url("https://:80/"), -1);
	ck_assert_int_eq(valid_http_url("https://a.org/x y"), -1);
	ck_assert_int_eq(valid_http_url("https://a.org/\"onerror=\""), -1);
	ck_assert_int_eq(valid_http_url("https://a.org/<script>"), -1);
	ck_assert_int_eq(valid_http_url("https://a.org/\x7f"), -1);
	ck_assert_int_eq(valid_http_url("javascript:alert(1)"), -1);
	ck_assert_int_eq(valid_video_path("movies/12/main.mp4"), 0);
	ck_assert_int_eq(valid_video_path("a-b_c.d"), 0);
	ck_assert_int_eq(valid_video_path(""), -1);
	ck_assert_int_eq(valid_video_path("/etc/passwd"), -1);
	ck_assert_int_eq(valid_video_path("a/../../b"), -1);
	ck_assert_int_eq(valid_video_path("a/./b"), -1);
	ck_assert_int_eq(valid_video_path(".."), -1);
	ck_assert_int_eq(valid_video_path("a//b"), -1);
	ck_assert_int_eq(valid_video_path("a/"), -1);
	ck_assert_int_eq(valid_video_path("a b.mp4"), -1);
	ck_assert_int_eq(valid_video_path("a?b"), -1);
	ck_assert_int_eq(valid_video_path("..a/b..c"), 0);	/* dots inside a name are fine */
}
END_TEST

CHECK_MAIN("valid", utf8, utf8_decoder, numbers, accounts, admin_fields)
