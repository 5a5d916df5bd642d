/* csv.h: a streaming RFC 4180 CSV reader with line numbers and size limits, for the importers. */
#ifndef STREAMIFY_CSV_H
#define STREAMIFY_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELDS	64	/* fields one record may have */

struct csv;

/*
 * Open path for reading records. max_field bounds the bytes of one field,
 * max_record those of one record (all fields together). Returns NULL with
 * errno set when the file cannot be opened or memory runs out.
 */
struct csv	*csv_open(const char *path, size_t max_field, size_t max_record);

/*
 * The same over an open stream, which the reader does not close; name is
 * used in messages only.
 */
struct csv	*csv_from_file(FILE *f, const char *name, size_t max_field,
		    size_t max_record);

/*
 * Read the next record. Returns 1 with a record, 0 at the end of the input,
 * or -1 for a malformed record (bad quoting, a field or record over its
 * limit, too many fields, a NUL byte, a read error): csv_error says what,
 * csv_line where the record began, and the reader has skipped to the start
 * of the next line, so reading may go on. A UTF-8 byte order mark at the
 * start is skipped; lines may end in CRLF or LF; an empty line is a record
 * of one empty field.
 */
int		 csv_read(struct csv *c);

/* Fields of the current record; each field is NUL-terminated. */
size_t		 csv_nfields(const struct csv *c);
const char	*csv_field(const struct csv *c, size_t i);	/* "" past the end */
size_t		 csv_len(const struct csv *c, size_t i);

/* The line (from 1) where the current record began. */
unsigned long	 csv_line(const struct csv *c);

/* The message of the last -1 from csv_read. */
const char	*csv_error(const struct csv *c);

/* The name given at open. */
const char	*csv_name(const struct csv *c);

/* Close the reader (and the file csv_open opened); accepts NULL. */
void		 csv_close(struct csv *c);

#endif
