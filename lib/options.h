/* options.h: the command line of every program: a table of its options, one parser. */
#ifndef STREAMIFY_OPTIONS_H
#define STREAMIFY_OPTIONS_H

#include <stdio.h>

enum opt_type {
	OPT_FLAG,	/* no value: sets the int to 1 */
	OPT_STR,	/* the value itself, into a const char * */
	OPT_INT,	/* a whole number in [min, max], into an int */
	OPT_SIZE,	/* a whole number in [min, max], into a size_t */
	OPT_NUM,	/* a finite number in [min, max], into a double */
	OPT_WORD,	/* one of words, its index into an int */
};

/* One option: --name and -letter, and where its value goes. */
struct opt {
	const char		*name;
	int			 letter;
	enum opt_type		 type;
	void			*dst;
	double			 min, max;	/* OPT_INT, OPT_SIZE, OPT_NUM */
	const char *const	*words;		/* OPT_WORD: NULL-terminated */
};

#define OPT_END		{ NULL, 0, OPT_FLAG, NULL, 0, 0, NULL }

#define OPTS_STOP	 0x1	/* stop at the first operand: a subcommand's options follow it */
#define OPTS_NO_OPERANDS 0x2	/* nothing may follow the options */

/*
 * Parse argv[1..] by opts (ending with OPT_END) and -h/--help, which every
 * program takes. usage prints the program's usage to a stream; where it is
 * NULL, text is the usage. Returns -1 to go on, with optind at the first
 * operand; else the exit status: 0 after --help (the usage on stdout), 2 for
 * an unknown option, a missing or bad value (a line naming the option and
 * what it takes) or an operand where none is taken (the usage on stderr).
 * At most 32 options.
 */
int	options_parse(int argc, char *argv[], const struct opt *opts, int flags,
	    void (*usage)(FILE *), const char *text);

#endif
