/* test-addr.c: address lists (metrics_allow, socket_allow): who is in, and what is no list. */
#include <string.h>

#include "addr.h"
#include "check_main.h"

START_TEST(allowed)
{
	const char	*list = "127.0.0.1, 10.1.0.0/16 ::1,fd00::/8";

	ck_assert(addr_allowed(list, "127.0.0.1"));
	ck_assert(!addr_allowed(list, "127.0.0.2"));
	ck_assert(addr_allowed(list, "10.1.200.3"));
	ck_assert(!addr_allowed(list, "10.2.0.1"));
	ck_assert(addr_allowed(list, "::1"));
	ck_assert(addr_allowed(list, "fd12:3456::1"));
	ck_assert(!addr_allowed(list, "fe80::1"));
	ck_assert(!addr_allowed(list, NULL));
	ck_assert(!addr_allowed(list, "localhost"));
	ck_assert(!addr_allowed(list, "127.0.0.1/8"));
	ck_assert(!addr_allowed("", "127.0.0.1"));
	ck_assert(addr_allowed("0.0.0.0/0", "192.0.2.7"));
	ck_assert(!addr_allowed("0.0.0.0/0", "::1"));
	ck_assert(addr_allowed("192.0.2.0/25", "192.0.2.127"));
	ck_assert(!addr_allowed("192.0.2.0/25", "192.0.2.128"));
}
END_TEST

START_TEST(check)
{
	char	 err[256];

	ck_assert_int_eq(addr_list_check("x", "", err, sizeof(err)), 0);
	ck_assert_int_eq(addr_list_check("x", "127.0.0.1, ::1 10.0.0.0/8", err, sizeof(err)), 0);
	ck_assert_int_eq(addr_list_check("metrics_allow", "127.0.0.1, example.com", err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "metrics_allow"));
	ck_assert_ptr_nonnull(strstr(err, "example.com"));
	ck_assert_int_eq(addr_list_check("x", "10.0.0.0/33", err, sizeof(err)), -1);
	ck_assert_int_eq(addr_list_check("x", "::1/129", err, sizeof(err)), -1);
	ck_assert_int_eq(addr_list_check("x", "10.0.0.0/", err, sizeof(err)), -1);
	ck_assert_int_eq(addr_list_check("x", "10.0.0.0/8x", err, sizeof(err)), -1);
}
END_TEST

CHECK_MAIN("addr", allowed, check)
