/* batch.c: streamify-batch, the jobs cron runs: similar movies, evaluation, renewals, purge. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "config.h"
#include "log.h"

/* One row per subcommand: name, function, one line of help. */
static const struct command {
	const char	*name;
	int		(*fn)(int, char *[]);
	const char	*help;
} commands[] = {
	{ "similar", cmd_similar, "compute the similar-movie tables as a new generation and switch to it" },
	{ "eval", cmd_eval, "offline evaluation of the recommenders on MovieLens ratings" },
	{ "renew", cmd_renew, "renew due subscriptions, retry failed charges, expire the rest" },
	{ "notify", cmd_notify, "notify users of new movies in the genres they favour" },
	{ "purge", cmd_purge, "delete old failed logins, ended logins and expired refresh tokens" },
};

int
batch_no_options(int argc, char *argv[], const char *help)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	 ch;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(help, stdout);
			return 0;
		}
		fputs(help, stderr);
		return 2;
	}
	if (optind != argc) {
		fputs(help, stderr);
		return 2;
	}
	return -1;
}

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage: streamify-batch [--config FILE] COMMAND [ARGS]\n\nCommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nstreamify-batch COMMAND --help tells more. Exit status 0 on success.\n");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*cfgpath = NULL;
	size_t		 i;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "+c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cfgpath = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		if (config_load(cfgpath) == -1)
			return 1;
		log_set_level(config.log_level);
		optind++;
		argc -= optind - 1;
		argv += optind - 1;
		argv[0] = (char *)commands[i].name;
		optind = 1;
		rc = commands[i].fn(argc, argv);
		config_free();
		return rc;
	}
	fprintf(stderr, "streamify-batch: unknown command \"%s\"\n", argv[optind]);
	usage(stderr);
	return 2;
}
