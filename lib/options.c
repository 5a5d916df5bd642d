/* options.c: the command line of every program: a table of its options, one parser. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define OPTS_MAX	32

static int
show_usage(FILE *f, void (*usage)(FILE *), const char *text, int status)
{
	if (usage != NULL)
		usage(f);
	else
		fputs(text, f);
	return status;
}

/* The name a message gives the program: its last path component. */
static const char *
prog_name(const char *argv0)
{
	const char	*slash = argv0 ? strrchr(argv0, '/') : NULL;

	return slash ? slash + 1 : argv0 ? argv0 : "streamify";
}

/* Store value into o's destination. Returns 0, or -1 after a message on stderr. */
static int
opt_set(const struct opt *o, const char *value, const char *prog)
{
	char	*end;
	double	 d;
	size_t	 i;

	switch (o->type) {
	case OPT_FLAG:
		*(int *)o->dst = 1;
		return 0;
	case OPT_STR:
		*(const char **)o->dst = value;
		return 0;
	case OPT_WORD:
		for (i = 0; o->words[i] != NULL; i++)
			if (strcmp(value, o->words[i]) == 0) {
				*(int *)o->dst = (int)i;
				return 0;
			}
		fprintf(stderr, "%s: --%s takes", prog, o->name);
		for (i = 0; o->words[i] != NULL; i++)
			fprintf(stderr, "%s%s", i == 0 ? " " : o->words[i + 1] == NULL ? " or " : ", ",
			    o->words[i]);
		fputc('\n', stderr);
		return -1;
	case OPT_INT:
	case OPT_SIZE:
	case OPT_NUM:
		break;
	}
	errno = 0;
	d = o->type == OPT_NUM ? strtod(value, &end) : (double)strtoll(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(d) || d < o->min || d > o->max) {
		fprintf(stderr, "%s: --%s takes a %s from %.15g to %.15g\n", prog, o->name,
		    o->type == OPT_NUM ? "number" : "whole number", o->min, o->max);
		return -1;
	}
	if (o->type == OPT_INT)
		*(int *)o->dst = (int)d;
	else if (o->type == OPT_SIZE)
		*(size_t *)o->dst = (size_t)d;
	else
		*(double *)o->dst = d;
	return 0;
}

int
options_parse(int argc, char *argv[], const struct opt *opts, int flags,
    void (*usage)(FILE *), const char *text)
{
	struct option	 longopts[OPTS_MAX + 2];
	char		 shortopts[2 * OPTS_MAX + 4], *p = shortopts;
	const char	*prog = prog_name(argc > 0 ? argv[0] : NULL);
	size_t		 n, i;
	int		 ch;

	if (flags & OPTS_STOP)
		*p++ = '+';
	for (n = 0; opts[n].name != NULL; n++) {
		if (n == OPTS_MAX) {
			fprintf(stderr, "%s: more than %d options\n", prog, OPTS_MAX);
			return 2;
		}
		longopts[n].name = opts[n].name;
		longopts[n].has_arg = opts[n].type == OPT_FLAG ? no_argument : required_argument;
		longopts[n].flag = NULL;
		longopts[n].val = opts[n].letter;
		*p++ = (char)opts[n].letter;
		if (opts[n].type != OPT_FLAG)
			*p++ = ':';
	}
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	*p++ = 'h';
	*p = '\0';

	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch == 'h')
			return show_usage(stdout, usage, text, 0);
		for (i = 0; i < n && opts[i].letter != ch; i++)
			;
		if (i == n)	/* getopt has said what was wrong */
			return show_usage(stderr, usage, text, 2);
		if (opt_set(&opts[i], optarg, prog) == -1)
			return show_usage(stderr, usage, text, 2);
	}
	if ((flags & OPTS_NO_OPERANDS) && optind != argc)
		return show_usage(stderr, usage, text, 2);
	return -1;
}
