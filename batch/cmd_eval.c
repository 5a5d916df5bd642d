/* cmd_eval.c: streamify-batch eval (not built yet). */
#include <stdio.h>

#include "batch.h"

int
cmd_eval(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "streamify-batch eval: not built yet\n");
	return 1;
}
