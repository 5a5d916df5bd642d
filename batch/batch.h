/* batch.h: the subcommands of streamify-batch, each in its own file. */
#ifndef STREAMIFY_BATCH_H
#define STREAMIFY_BATCH_H

/*
 * A subcommand gets the arguments after its name (argv[0] is the name) and
 * the loaded configuration; returns the exit status (0 = success).
 */
int	cmd_similar(int argc, char *argv[]);	/* cmd_similar.c */
int	cmd_eval(int argc, char *argv[]);	/* cmd_eval.c */
int	cmd_renew(int argc, char *argv[]);	/* cmd_renew.c */
int	cmd_notify(int argc, char *argv[]);	/* cmd_renew.c: new-movie notifications */
int	cmd_purge(int argc, char *argv[]);	/* cmd_purge.c */
int	cmd_trending(int argc, char *argv[]);	/* cmd_trending.c */
int	cmd_suggest(int argc, char *argv[]);	/* cmd_suggest.c */

/*
 * The options of a subcommand that takes none but --help: prints help (to
 * stdout for --help, else to stderr) and returns the exit status, or
 * returns -1 to go on.
 */
int	batch_no_options(int argc, char *argv[], const char *help);

#endif
