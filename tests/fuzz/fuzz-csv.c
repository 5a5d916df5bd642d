/* fuzz-csv.c: libFuzzer target for the CSV reader: any bytes, small limits, every field read. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	*c;
	FILE		*f;
	size_t		 i, sum = 0;
	int		 r, n = 0;

	if (size == 0 || (f = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	if ((c = csv_from_file(f, "fuzz.csv", 64, 256)) != NULL) {
		while ((r = csv_read(c)) != 0 && n++ < 100000) {
			if (r == 1)
				for (i = 0; i < csv_nfields(c); i++)
					sum += strlen(csv_field(c, i)) == csv_len(c, i);
			else if (csv_error(c)[0] == '\0')
				__builtin_trap();	/* a bad record always says why */
			(void)csv_line(c);
		}
		csv_close(c);
	}
	fclose(f);
	return (int)(sum & 0);
}
