/* csv.c: a streaming RFC 4180 CSV reader with line numbers and size limits, for the importers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

struct csv {
	FILE		*f;
	int		 own;		/* csv_close closes f */
	char		*name;
	size_t		 max_field;
	size_t		 max_record;
	char		*buf;		/* the record's fields, each NUL-terminated */
	size_t		 cap;
	size_t		 len;
	size_t		 off[CSV_MAX_FIELDS];
	size_t		 flen[CSV_MAX_FIELDS];
	size_t		 n;		/* fields of the record */
	unsigned long	 line;		/* line of the next byte */
	unsigned long	 rec_line;	/* line where the record began */
	int		 push[3];	/* pushed-back bytes (a stack) */
	int		 npush;
	int		 started;	/* the byte order mark was looked for */
	int		 eof;
	char		 err[160];
};

static int
csv_getc(struct csv *c)
{
	if (c->npush > 0)
		return c->push[--c->npush];
	return getc_unlocked(c->f);
}

static void
csv_ungetc(struct csv *c, int ch)
{
	if (ch != EOF && c->npush < 3)
		c->push[c->npush++] = ch;
}

struct csv *
csv_from_file(FILE *f, const char *name, size_t max_field, size_t max_record)
{
	struct csv	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->name = strdup(name)) == NULL) {
		free(c);
		return NULL;
	}
	c->f = f;
	c->max_field = max_field;
	c->max_record = max_record < max_field ? max_field : max_record;
	c->line = 1;
	return c;
}

struct csv *
csv_open(const char *path, size_t max_field, size_t max_record)
{
	struct csv	*c;
	FILE		*f;
	int		 saved;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if ((c = csv_from_file(f, path, max_field, max_record)) == NULL) {
		saved = errno;
		fclose(f);
		errno = saved;
		return NULL;
	}
	c->own = 1;
	return c;
}

void
csv_close(struct csv *c)
{
	if (c == NULL)
		return;
	if (c->own)
		fclose(c->f);
	free(c->name);
	free(c->buf);
	free(c);
}

/* Append one byte to the current field. Returns 0, or -1 with c->err set. */
static int
csv_put(struct csv *c, int ch)
{
	size_t	 field = c->len - c->off[c->n];

	if (field >= c->max_field) {
		snprintf(c->err, sizeof(c->err), "a field is longer than %zu bytes",
		    c->max_field);
		return -1;
	}
	if (c->len >= c->max_record) {
		snprintf(c->err, sizeof(c->err), "the record is longer than %zu bytes",
		    c->max_record);
		return -1;
	}
	if (ch == '\0') {
		snprintf(c->err, sizeof(c->err), "a NUL byte");
		return -1;
	}
	if (c->len + 2 > c->cap) {
		size_t	 ncap = c->cap ? c->cap * 2 : 1024;
		char	*p;

		if ((p = realloc(c->buf, ncap)) == NULL) {
			snprintf(c->err, sizeof(c->err), "out of memory");
			return -1;
		}
		c->buf = p;
		c->cap = ncap;
	}
	c->buf[c->len++] = (char)ch;
	return 0;
}

/* End the current field. Returns 0, or -1 with c->err set. */
static int
csv_end_field(struct csv *c)
{
	if (c->len + 1 > c->cap) {
		char	*p;

		if ((p = realloc(c->buf, c->cap + 1024)) == NULL) {
			snprintf(c->err, sizeof(c->err), "out of memory");
			return -1;
		}
		c->buf = p;
		c->cap += 1024;
	}
	c->flen[c->n] = c->len - c->off[c->n];
	c->buf[c->len++] = '\0';
	c->n++;
	return 0;
}

/* Skip to the start of the next line after a malformed record. */
static void
csv_resync(struct csv *c, int ch)
{
	while (ch != '\n' && ch != EOF)
		ch = csv_getc(c);
	if (ch == '\n')
		c->line++;
	else
		c->eof = 1;
}

int
csv_read(struct csv *c)
{
	int	 ch, next;

	c->n = 0;
	c->len = 0;
	c->err[0] = '\0';
	if (c->eof)
		return 0;
	if (!c->started) {
		c->started = 1;
		ch = csv_getc(c);
		if (ch == 0xef) {
			int	 b = csv_getc(c), d = b == 0xbb ? csv_getc(c) : EOF;

			if (b != 0xbb || d != 0xbf) {
				csv_ungetc(c, d);
				csv_ungetc(c, b);
				csv_ungetc(c, ch);
			}
		} else
			csv_ungetc(c, ch);
	}
	ch = csv_getc(c);
	if (ch == EOF) {
		c->eof = 1;
		if (ferror(c->f)) {
			snprintf(c->err, sizeof(c->err), "read error: %s", strerror(errno));
			c->rec_line = c->line;
			return -1;
		}
		return 0;
	}
	c->rec_line = c->line;
	for (;;) {
		if (c->n == CSV_MAX_FIELDS) {
			snprintf(c->err, sizeof(c->err), "more than %d fields",
			    CSV_MAX_FIELDS);
			goto bad;
		}
		c->off[c->n] = c->len;
		if (ch == '"') {
			unsigned long	 opened = c->line;

			for (;;) {
				ch = csv_getc(c);
				if (ch == EOF) {
					snprintf(c->err, sizeof(c->err),
					    "unterminated quoted field (opened on line %lu)",
					    opened);
					c->eof = 1;
					return -1;
				}
				if (ch == '"' && (next = csv_getc(c)) != '"') {
					ch = next;
					break;
				}
				if (csv_put(c, ch) == -1)
					goto bad;
				if (ch == '\n')
					c->line++;
			}
			if (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF) {
				snprintf(c->err, sizeof(c->err),
				    "text after the closing quote of a field");
				goto bad;
			}
		} else {
			while (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF) {
				if (ch == '"') {
					snprintf(c->err, sizeof(c->err),
					    "a quote inside an unquoted field");
					goto bad;
				}
				if (csv_put(c, ch) == -1)
					goto bad;
				ch = csv_getc(c);
			}
		}
		if (csv_end_field(c) == -1)
			goto bad;
		if (ch == ',') {
			ch = csv_getc(c);
			continue;
		}
		if (ch == '\r') {
			if ((next = csv_getc(c)) != '\n')
				csv_ungetc(c, next);
			c->line++;
		} else if (ch == '\n')
			c->line++;
		else
			c->eof = 1;
		return 1;
	}
bad:
	csv_resync(c, ch);
	return -1;
}

size_t
csv_nfields(const struct csv *c)
{
	return c->n;
}

const char *
csv_field(const struct csv *c, size_t i)
{
	return i < c->n ? c->buf + c->off[i] : "";
}

size_t
csv_len(const struct csv *c, size_t i)
{
	return i < c->n ? c->flen[i] : 0;
}

unsigned long
csv_line(const struct csv *c)
{
	return c->rec_line;
}

const char *
csv_error(const struct csv *c)
{
	return c->err;
}

const char *
csv_name(const struct csv *c)
{
	return c->name;
}
