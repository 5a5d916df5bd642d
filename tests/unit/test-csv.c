/* test-csv.c: the RFC 4180 reader: quoting, line numbers, limits and recovery after bad records. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "csv.h"

/* A reader over a string (fmemopen), with the given limits. */
static struct csv *
reader(const char *text, size_t max_field, size_t max_record, FILE **fp)
{
	*fp = fmemopen((void *)text, strlen(text), "r");
	ck_assert_ptr_nonnull(*fp);
	return csv_from_file(*fp, "t.csv", max_field, max_record);
}

START_TEST(plain_records)
{
	FILE		*f;
	struct csv	*c = reader("a,b,c\n1,,3\n", 100, 1000, &f);

	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_uint_eq(csv_nfields(c), 3);
	ck_assert_str_eq(csv_field(c, 0), "a");
	ck_assert_str_eq(csv_field(c, 2), "c");
	ck_assert_uint_eq(csv_line(c), 1);
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 1), "");
	ck_assert_uint_eq(csv_len(c, 2), 1);
	ck_assert_str_eq(csv_field(c, 9), "");
	ck_assert_uint_eq(csv_line(c), 2);
	ck_assert_int_eq(csv_read(c), 0);
	ck_assert_int_eq(csv_read(c), 0);
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(quotes_and_newlines)
{
	FILE		*f;
	struct csv	*c = reader("1,\"Matrix, The (1999)\",\"say \"\"hi\"\"\"\r\n"
	    "2,\"two\nlines\",x\n3,last", 100, 1000, &f);

	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 1), "Matrix, The (1999)");
	ck_assert_str_eq(csv_field(c, 2), "say \"hi\"");
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_uint_eq(csv_line(c), 2);
	ck_assert_str_eq(csv_field(c, 1), "two\nlines");
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_uint_eq(csv_line(c), 4);
	ck_assert_str_eq(csv_field(c, 1), "last");
	ck_assert_int_eq(csv_read(c), 0);
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(bom_skipped)
{
	FILE		*f;
	struct csv	*c = reader("\xef\xbb\xbf\"id\",x\n", 100, 1000, &f);

	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 0), "id");
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(bad_quoting_recovers)
{
	FILE		*f;
	struct csv	*c = reader("1,ab\"c,2\n2,\"x\"y,3\n3,ok,4\n", 100, 1000, &f);

	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_uint_eq(csv_line(c), 1);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "quote"));
	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_uint_eq(csv_line(c), 2);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "closing quote"));
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_uint_eq(csv_line(c), 3);
	ck_assert_str_eq(csv_field(c, 1), "ok");
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(unterminated_quote)
{
	FILE		*f;
	struct csv	*c = reader("1,ok\n2,\"never closed\n3,x\n", 100, 1000, &f);

	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_uint_eq(csv_line(c), 2);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "unterminated"));
	ck_assert_int_eq(csv_read(c), 0);
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(limits)
{
	FILE		*f;
	struct csv	*c = reader("1,abcdefghijk\n2,abc\n1,2,3,4,5,6\n", 8, 10, &f);

	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "field"));
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 1), "abc");
	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "record"));
	ck_assert_uint_eq(csv_line(c), 3);
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(too_many_fields)
{
	FILE		*f;
	char		 text[512] = "";
	struct csv	*c;
	int		 i;

	for (i = 0; i < CSV_MAX_FIELDS + 1; i++)
		strcat(text, "x,");
	strcat(text, "\nok\n");
	c = reader(text, 100, 10000, &f);
	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "fields"));
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 0), "ok");
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(nul_byte)
{
	static const char	 text[] = "a\0b,c\nd\n";
	FILE			*f = fmemopen((void *)text, sizeof(text) - 1, "r");
	struct csv		*c = csv_from_file(f, "t.csv", 100, 1000);

	ck_assert_int_eq(csv_read(c), -1);
	ck_assert_ptr_nonnull(strstr(csv_error(c), "NUL"));
	ck_assert_int_eq(csv_read(c), 1);
	ck_assert_str_eq(csv_field(c, 0), "d");
	csv_close(c);
	fclose(f);
}
END_TEST

START_TEST(missing_file)
{
	ck_assert_ptr_null(csv_open("/nonexistent/streamify.csv", 10, 10));
	csv_close(NULL);
}
END_TEST

CHECK_MAIN("csv", plain_records, quotes_and_newlines, bom_skipped, bad_quoting_recovers,
    unterminated_quote, limits, too_many_fields, nul_byte, missing_file)
