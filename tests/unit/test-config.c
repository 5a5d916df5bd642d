/* test-config.c: the settings table: defaults, file, environment, bad values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "config.h"

static char	 path[64];

static void
write_file(const char *text)
{
	int	 fd;
	FILE	*f;

	strcpy(path, "/tmp/streamify-test-config.XXXXXX");
	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	fputs(text, f);
	fclose(f);
}

START_TEST(defaults_file_env)
{
	write_file("# comment\nworkers = 3\n db_name = movies \n\nw_genre=2.5\n");
	setenv("STREAMIFY_DB_NAME", "fromenv", 1);
	ck_assert_int_eq(config_load(path), 0);
	unsetenv("STREAMIFY_DB_NAME");
	unlink(path);
	ck_assert_int_eq(config.workers, 3);
	ck_assert_str_eq(config.db_name, "fromenv");
	ck_assert_double_eq(config.w_genre, 2.5);
	ck_assert_int_eq(config.max_body, 65536);
	ck_assert_int_eq(config.socket_mode, 0660);
	config_free();
}
END_TEST

START_TEST(bad_values_stop)
{
	const char	*bad[] = { "workers = 9999\n", "workers = 2x\n", "nosuch = 1\n",
	    "workers\n", "socket_mode = 9\n", "log_level = loud\n", "w_genre = nan\n" };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(bad[i]);
		ck_assert_msg(config_load(path) == -1, "accepted %s", bad[i]);
		unlink(path);
		config_free();
	}
	setenv("STREAMIFY_WORKERS", "-1", 1);
	ck_assert_int_eq(config_load("/dev/null"), -1);
	unsetenv("STREAMIFY_WORKERS");
	config_free();
	ck_assert_int_eq(config_load("/nonexistent/streamify.conf"), -1);
	config_free();
}
END_TEST

START_TEST(hex)
{
	unsigned char	 out[4];

	ck_assert_int_eq(config_hex("00ff10", out, sizeof(out)), 3);
	ck_assert_int_eq(out[1], 0xff);
	ck_assert_int_eq(config_hex("0", out, sizeof(out)), -1);
	ck_assert_int_eq(config_hex("zz", out, sizeof(out)), -1);
	ck_assert_int_eq(config_hex("0011223344", out, sizeof(out)), -1);
}
END_TEST

CHECK_MAIN("config", defaults_file_env, bad_values_stop, hex)
