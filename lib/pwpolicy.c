/* pwpolicy.c: which new passwords to refuse (NIST SP 800-63B): common, guessable, or built from the account. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <crack.h>

#include "crypto.h"
#include "log.h"
#include "pwpolicy.h"

#define FOLD_MAX	1024	/* bytes of a folded password, username or e-mail */
#define PART_MIN	4	/* letters of a word of the username or e-mail that counts alone */

/* cracklib's reasons (English) and what the API says for them. */
static const struct {
	const char	*crack;
	const char	*why;
} reasons[] = {
	{ "it is based on a dictionary word",
	    "is too easy to guess: it is a common password or based on a dictionary word" },
	{ "it is based on a (reversed) dictionary word",
	    "is too easy to guess: it is a dictionary word backwards" },
	{ "it is too simplistic/systematic",
	    "is too easy to guess: it is a simple sequence or keyboard pattern" },
	{ "it does not contain enough DIFFERENT characters",
	    "is too easy to guess: it repeats too few different characters" },
	{ "it is all whitespace", "must not be only spaces" },
	{ "it is based on your username", "must not be built from your username" },
	{ "it looks like a National Insurance number.",
	    "is too easy to guess: it looks like an identity number" },
};

/* The dictionary to use: dict, or cracklib's default. */
static const char *
dict_path(const char *dict)
{
	return dict != NULL && *dict != '\0' ? dict : GetDefaultCracklibDict();
}

int
pwpolicy_ready(const char *dict)
{
	static const char *const ext[] = { ".pwd", ".pwi", ".hwm" };
	char		 path[4096];
	size_t		 i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dict_path(dict), ext[i]);
		if (access(path, R_OK) == -1) {
			log_error("pwpolicy: cannot read the cracklib dictionary %s (Debian: "
			    "cracklib-runtime; setting password_dict)", path);
			return -1;
		}
	}
	return 0;
}

/* Lowercase ASCII letters and digits of s into out, everything else dropped. */
static void
fold(const char *s, size_t n, char *out)
{
	size_t	 i, o = 0;

	for (i = 0; i < n && s[i] != '\0' && o + 1 < FOLD_MAX; i++)
		if (isalnum((unsigned char)s[i]))
			out[o++] = (char)tolower((unsigned char)s[i]);
	out[o] = '\0';
}

/* Whether folded password pw has part (folded, len >= min) in it, forwards or backwards, or is in it. */
static int
shares(const char *pw, const char *part, size_t min)
{
	char	 rev[FOLD_MAX];
	size_t	 n = strlen(part), i;

	if (n < min || *pw == '\0')
		return 0;
	if (strstr(pw, part) != NULL || strstr(part, pw) != NULL)
		return 1;
	for (i = 0; i < n; i++)
		rev[i] = part[n - 1 - i];
	rev[n] = '\0';
	return strstr(pw, rev) != NULL;
}

/*
 * Whether the folded password is built from s (a username, or an e-mail's
 * name part): all of s (3 letters or more), or one of its words of
 * PART_MIN letters or more (words split at anything but letters and digits).
 */
static int
built_from(const char *pw, const char *s, size_t n)
{
	char		 all[FOLD_MAX], word[FOLD_MAX];
	const char	*p, *end = s + n;
	size_t		 len;

	fold(s, n, all);
	if (shares(pw, all, 3))
		return 1;
	for (p = s; p < end; p += len + 1) {
		len = strcspn(p, "._-+ ");
		if ((size_t)(end - p) < len)
			len = (size_t)(end - p);
		fold(p, len, word);
		if (strcmp(word, all) != 0 && shares(pw, word, PART_MIN))
			return 1;
		if (p + len >= end)
			break;
	}
	return 0;
}

enum pwpolicy_rc
pwpolicy_check(const char *password, const char *username, const char *email,
    const char *dict, char *why)
{
	char		 pw[FOLD_MAX];
	const char	*msg, *at;
	size_t		 i;
	enum pwpolicy_rc rc = PWPOLICY_REFUSED;

	why[0] = '\0';
	fold(password, strlen(password), pw);
	if (username != NULL && built_from(pw, username, strlen(username))) {
		snprintf(why, PWPOLICY_WHY_MAX, "must not be built from your username");
		goto out;
	}
	if (email != NULL && (at = strchr(email, '@')) != NULL &&
	    built_from(pw, email, (size_t)(at - email))) {
		snprintf(why, PWPOLICY_WHY_MAX, "must not be built from your e-mail address");
		goto out;
	}
	if (pwpolicy_ready(dict) == -1) {
		rc = PWPOLICY_ERROR;
		goto out;
	}
	/* The gecos words are not used: the checks above cover the account. */
	if ((msg = FascistCheckUser(password, dict_path(dict), username ? username : "", NULL))
	    == NULL) {
		rc = PWPOLICY_OK;
		goto out;
	}
	if (strcmp(msg, "error loading dictionary") == 0) {
		log_error("pwpolicy: cracklib: %s (%s)", msg, dict_path(dict));
		rc = PWPOLICY_ERROR;
		goto out;
	}
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strcmp(msg, reasons[i].crack) == 0)
			break;
	if (i < sizeof(reasons) / sizeof(reasons[0]))
		snprintf(why, PWPOLICY_WHY_MAX, "%s", reasons[i].why);
	else
		snprintf(why, PWPOLICY_WHY_MAX, "is too easy to guess: %s", msg);
out:
	crypto_wipe(pw, sizeof(pw));
	return rc;
}
