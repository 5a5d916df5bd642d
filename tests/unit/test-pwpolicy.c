/* test-pwpolicy.c: new passwords: common, guessable or built from the account are refused, with a reason. */
#include <string.h>

#include "check_main.h"
#include "pwpolicy.h"

/* The reason a password is refused for alice_w / alice.wonder@example.com, or "" when taken. */
static const char *
why(const char *pw)
{
	static char	 buf[PWPOLICY_WHY_MAX];
	enum pwpolicy_rc rc;

	rc = pwpolicy_check(pw, "alice_w", "alice.wonder@example.com", NULL, buf);
	ck_assert_int_ne(rc, PWPOLICY_ERROR);
	ck_assert_int_eq(rc == PWPOLICY_OK, buf[0] == '\0');
	return buf;
}

START_TEST(no_composition_rules)
{
	/* Long or odd, with or without digits, capitals or symbols: all fine. */
	ck_assert_str_eq(why("correct horse 1"), "");
	ck_assert_str_eq(why("a quiet river of tangled kites"), "");
	ck_assert_str_eq(why("zx9!Lq-73kP"), "");
	ck_assert_str_eq(why("tangledkitesriver"), "");
	ck_assert_str_eq(why("\xc3\xa9t\xc3\xa9 \xc3\xa0 la plage 42"), "");
}
END_TEST

START_TEST(common_and_guessable)
{
	ck_assert_str_eq(why("password"),
	    "is too easy to guess: it is a common password or based on a dictionary word");
	ck_assert_str_eq(why("Password1!"),
	    "is too easy to guess: it is a common password or based on a dictionary word");
	ck_assert_str_eq(why("trustno1"),
	    "is too easy to guess: it is a common password or based on a dictionary word");
	ck_assert_str_eq(why("12345678"),
	    "is too easy to guess: it is a simple sequence or keyboard pattern");
	ck_assert_str_eq(why("abcdefgh"),
	    "is too easy to guess: it is a simple sequence or keyboard pattern");
	ck_assert_str_eq(why("aaaaaaaa"),
	    "is too easy to guess: it repeats too few different characters");
	ck_assert_str_ne(why("qwertyuiop"), "");
	ck_assert_str_ne(why("iloveyou"), "");
	ck_assert_str_ne(why("        "), "");
}
END_TEST

START_TEST(built_from_the_account)
{
	ck_assert_str_eq(why("alice_w"), "must not be built from your username");
	ck_assert_str_eq(why("ALICE-W 2024"), "must not be built from your username");
	ck_assert_str_eq(why("w_ecila!!77"), "must not be built from your username");
	ck_assert_str_eq(why("alicew"), "must not be built from your username");
	ck_assert_str_eq(why("wonder-land-77"), "must not be built from your e-mail address");
	ck_assert_str_eq(why("alice.wonder@example.com"), "must not be built from your username");
	ck_assert_str_eq(why("rednow 2024 xx"), "must not be built from your e-mail address");
	/* A word under four letters of them is no match on its own. */
	ck_assert_str_eq(why("a tall w tower 9"), "");
	/* Without an account (NULL), only the dictionary counts. */
	{
		char	 buf[PWPOLICY_WHY_MAX];

		ck_assert_int_eq(pwpolicy_check("alice_w 1234", NULL, NULL, NULL, buf), PWPOLICY_OK);
		ck_assert_int_eq(pwpolicy_check("bob.marley.1945", "bob", "x@y.org", NULL, buf),
		    PWPOLICY_REFUSED);
		ck_assert_str_eq(buf, "must not be built from your username");
		ck_assert_int_eq(pwpolicy_check("marley1945!!", "dj_x", "bob.marley@y.org", NULL,
		    buf), PWPOLICY_REFUSED);
		ck_assert_str_eq(buf, "must not be built from your e-mail address");
	}
}
END_TEST

START_TEST(missing_dictionary)
{
	char	 buf[PWPOLICY_WHY_MAX];

	ck_assert_int_eq(pwpolicy_ready(NULL), 0);
	ck_assert_int_eq(pwpolicy_ready("/nonexistent/cracklib_dict"), -1);
	ck_assert_int_eq(pwpolicy_check("correct horse 1", "x", NULL, "/nonexistent/cracklib_dict",
	    buf), PWPOLICY_ERROR);
	/* What the account rules refuse needs no dictionary. */
	ck_assert_int_eq(pwpolicy_check("alice_w!", "alice_w", NULL, "/nonexistent/cracklib_dict",
	    buf), PWPOLICY_REFUSED);
}
END_TEST

CHECK_MAIN("pwpolicy", no_composition_rules, common_and_guessable, built_from_the_account,
    missing_dictionary)
