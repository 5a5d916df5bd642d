/* progress.h: a progress bar for long imports and batch runs, drawn only on a terminal. */
#ifndef STREAMIFY_PROGRESS_H
#define STREAMIFY_PROGRESS_H

#include <stddef.h>

struct progress;

/*
 * Start a bar labelled label for total units (0 = unknown total: a counter).
 * Draws on standard error only when it is a terminal; otherwise every call
 * is a no-op. Returns NULL only when out of memory (and then the other
 * functions accept NULL).
 */
struct progress	*progress_new(const char *label, size_t total);

/* Set the units done; redraws at most ten times a second. */
void		 progress_set(struct progress *p, size_t done);

/* Finish the bar (draws 100% and a newline) and free it; accepts NULL. */
void		 progress_done(struct progress *p);

#endif
