/* cmd_similar.c: streamify-batch similar (not built yet). */
#include <stdio.h>

#include "batch.h"

int
cmd_similar(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "streamify-batch similar: not built yet, nothing done\n");
	return 0;
}
