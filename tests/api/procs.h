/* procs.h: finding the worker processes of the running streamify-fcgi master (API tests). */
#ifndef STREAMIFY_TEST_PROCS_H
#define STREAMIFY_TEST_PROCS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The master's pid from STREAMIFY_TEST_FCGI_PIDFILE, or -1. */
static pid_t
master_pid(void)
{
	const char	*path = getenv("STREAMIFY_TEST_FCGI_PIDFILE");
	FILE		*f;
	int		 pid = -1;

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return -1;
	if (fscanf(f, "%d", &pid) != 1)
		pid = -1;
	fclose(f);
	return pid;
}

/* Fill pids (sorted ascending) with the children of parent; returns how many. */
static int
children_of(pid_t parent, pid_t *pids, int max)
{
	DIR		*d = opendir("/proc");
	struct dirent	*de;
	char		 path[300], buf[512], *p;
	FILE		*f;
	int		 n = 0, ppid, i, j;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 2, "%*c %d", &ppid) == 1 && ppid == parent)
			pids[n++] = (pid_t)atoi(de->d_name);
		fclose(f);
	}
	closedir(d);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			pid_t	 t = pids[j];

			pids[j] = pids[j - 1];
			pids[j - 1] = t;
		}
	return n;
}

#endif
