/* cmd_renew.c: streamify-batch renew and notify (not built yet). */
#include <stdio.h>

#include "batch.h"

int
cmd_renew(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "streamify-batch renew: not built yet\n");
	return 1;
}

int
cmd_notify(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "streamify-batch notify: not built yet\n");
	return 1;
}
