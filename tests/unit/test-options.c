/* test-options.c: the one command-line parser: values, ranges, words, --help, bad input. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "options.h"

static const char *const colours[] = { "red", "green", "blue", NULL };

static int		 flag, threads, colour;
static size_t		 items;
static double		 weight;
static const char	*file;

static const struct opt	 opts[] = {
	{ "flag", 'f', OPT_FLAG, &flag, 0, 0, NULL },
	{ "file", 'F', OPT_STR, &file, 0, 0, NULL },
	{ "threads", 't', OPT_INT, &threads, 1, 64, NULL },
	{ "items", 'i', OPT_SIZE, &items, 0, 1000000, NULL },
	{ "weight", 'w', OPT_NUM, &weight, 0, 1, NULL },
	{ "colour", 'c', OPT_WORD, &colour, 0, 0, colours },
	OPT_END
};

/* Parse the words of line (at most 15) as a command line of "prog". */
static int
parse(const char *line, int flags)
{
	static char	 buf[256];
	static char	*argv[16];
	int		 argc = 0;
	char		*w;

	flag = threads = colour = 0;
	items = 0;
	weight = -1;
	file = NULL;
	snprintf(buf, sizeof(buf), "%s", line);
	argv[argc++] = "prog";
	for (w = strtok(buf, " "); w != NULL && argc < 15; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	optind = 0;	/* glibc: start over */
	return options_parse(argc, argv, opts, flags, NULL, "usage: prog\n");
}

START_TEST(values)
{
	ck_assert_int_eq(parse("-f --file x.csv -t 8 --items 250000 -w 0.25 --colour blue", 0), -1);
	ck_assert_int_eq(flag, 1);
	ck_assert_str_eq(file, "x.csv");
	ck_assert_int_eq(threads, 8);
	ck_assert_uint_eq(items, 250000);
	ck_assert_double_eq(weight, 0.25);
	ck_assert_int_eq(colour, 2);
	ck_assert_int_eq(parse("--threads=1 --weight=1", 0), -1);
	ck_assert_int_eq(threads, 1);
	ck_assert_double_eq(weight, 1);
	ck_assert_int_eq(flag, 0);
}
END_TEST

START_TEST(bad_values)
{
	static const char *const bad[] = {
		"-t 0", "-t 65", "-t 8x", "-t ''", "--threads 1e1", "--items -1", "--items 1000001",
		"-w 1.5", "-w -0.1", "-w nan", "-w inf", "-w 0.5.5", "--colour Red", "--colour",
		"--nope", "-z", "-t",
	};
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i], 0) == 2, "accepted %s", bad[i]);
}
END_TEST

START_TEST(help_and_operands)
{
	ck_assert_int_eq(parse("--help", 0), 0);
	ck_assert_int_eq(parse("-t 2 -h", 0), 0);
	/* Operands: kept for the program, refused where none is taken. */
	ck_assert_int_eq(parse("-t 2 input.csv", 0), -1);
	ck_assert_int_eq(optind, 3);
	ck_assert_int_eq(parse("-t 2 input.csv", OPTS_NO_OPERANDS), 2);
	/* With OPTS_STOP the options after a subcommand are the subcommand's. */
	ck_assert_int_eq(parse("-f run --threads 900", OPTS_STOP), -1);
	ck_assert_int_eq(flag, 1);
	ck_assert_int_eq(threads, 0);
	ck_assert_int_eq(optind, 2);
}
END_TEST

CHECK_MAIN("options", values, bad_values, help_and_operands)
