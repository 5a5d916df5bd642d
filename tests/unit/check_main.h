/* check_main.h: the main of a unit test program: one suite, TAP on standard output. */
#ifndef STREAMIFY_CHECK_MAIN_H
#define STREAMIFY_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Define the tests with START_TEST, list them in CHECK_TESTS, then CHECK_MAIN("name"). */
#define CHECK_MAIN(name, ...)						\
int									\
main(void)								\
{									\
	const TTest *tests[] = { __VA_ARGS__ };				\
	Suite	*s = suite_create(name);				\
	TCase	*tc = tcase_create(name);				\
	SRunner	*sr;							\
	size_t	 i;							\
	int	 failed;						\
									\
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)		\
		tcase_add_test(tc, tests[i]);				\
	suite_add_tcase(s, tc);						\
	sr = srunner_create(s);						\
	srunner_run_all(sr, CK_SILENT);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

#endif
