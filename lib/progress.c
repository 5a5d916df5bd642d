/* progress.c: a progress bar for long imports and batch runs, drawn only on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "progress.h"

struct progress {
	char		 label[32];
	size_t		 total;
	size_t		 done;
	int		 tty;
	double		 start;
	double		 last;
};

static void
draw(struct progress *p)
{
	char	 bar[31];
	double	 frac, el = clock_s() - p->start;
	int	 fill, i;

	if (p->total == 0) {
		fprintf(stderr, "\r%-16s %zu  %.1fs", p->label, p->done, el);
		return;
	}
	frac = p->done >= p->total ? 1.0 : (double)p->done / (double)p->total;
	fill = (int)(frac * 30);
	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r%-16s [%s] %3d%% %zu/%zu  %.1fs", p->label, bar,
	    (int)(frac * 100), p->done, p->total, el);
}

struct progress *
progress_new(const char *label, size_t total)
{
	struct progress	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->total = total;
	p->tty = isatty(STDERR_FILENO);
	p->start = p->last = clock_s();
	if (p->tty)
		draw(p);
	return p;
}

void
progress_set(struct progress *p, size_t done)
{
	double	 t;

	if (p == NULL)
		return;
	p->done = done;
	if (!p->tty || (t = clock_s()) - p->last < 0.1)
		return;
	p->last = t;
	draw(p);
}

void
progress_done(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->tty) {
		if (p->total > 0)
			p->done = p->total;
		draw(p);
		fputc('\n', stderr);
	}
	free(p);
}
