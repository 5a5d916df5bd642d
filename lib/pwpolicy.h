/* pwpolicy.h: which new passwords to refuse (NIST SP 800-63B): common, guessable, or built from the account. */
#ifndef STREAMIFY_PWPOLICY_H
#define STREAMIFY_PWPOLICY_H

#include <stddef.h>

#define PWPOLICY_WHY_MAX	160	/* bytes of a reason, NUL included */

enum pwpolicy_rc {
	PWPOLICY_OK,		/* the password may be chosen */
	PWPOLICY_REFUSED,	/* it may not: why says so */
	PWPOLICY_ERROR,		/* the dictionary cannot be read (logged): nothing was checked */
};

/*
 * Check a new password for the account username / email (either may be
 * NULL). No composition rule (any characters, any mix, spaces welcome);
 * refused are passwords that are built from the username or the e-mail
 * address (either contained in the password or the password in them,
 * also reversed, ignoring case and punctuation; words of 4 letters or more
 * of them count alone), and, by cracklib against its dictionary (dict, or
 * cracklib's own default when NULL or empty), dictionary words and common
 * passwords with the usual mangling, too few different characters, and
 * simple sequences ("12345678", "abcdefgh", "qwertyuiop"). On
 * PWPOLICY_REFUSED, why (PWPOLICY_WHY_MAX bytes) completes the sentence
 * "The password ..." for the client ("is too easy to guess: it is based
 * on a dictionary word").
 */
enum pwpolicy_rc pwpolicy_check(const char *password, const char *username, const char *email,
	    const char *dict, char *why);

/*
 * Whether the dictionary (dict, or cracklib's default) can be read.
 * Returns 0, or -1 after logging which file is missing.
 */
int		 pwpolicy_ready(const char *dict);

#endif
