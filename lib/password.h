/* password.h: password hashing (scrypt), and verifying the hashes of the Werkzeug deployment. */
#ifndef STREAMIFY_PASSWORD_H
#define STREAMIFY_PASSWORD_H

#include <stddef.h>

/*
 * A stored hash is self-describing, in Werkzeug's layout, so the cost can
 * be raised later and hashes made by the Flask deployment still verify:
 *   scrypt:N:r:p$salt$hex          (hex = 64-byte scrypt of the password, salt as text)
 *   pbkdf2:sha256:iterations$salt$hex   (hex = 32-byte PBKDF2-HMAC-SHA256)
 * New hashes are scrypt with a random 22-character salt.
 */
#define PASSWORD_HASH_MAX	256	/* bytes of a stored hash, NUL included */

/* The cost of new hashes. */
struct password_cost {
	unsigned	 n_log2;	/* N = 2^n_log2 */
	unsigned	 r;
	unsigned	 p;
};

enum password_rc {
	PASSWORD_OK,		/* the password matches */
	PASSWORD_MISMATCH,	/* it does not */
	PASSWORD_MALFORMED,	/* the stored hash is not one we know (logged) */
	PASSWORD_ERROR,		/* out of memory or an OpenSSL failure (logged) */
};

/*
 * Hash password (NUL-terminated) at cost into out (PASSWORD_HASH_MAX
 * bytes). Returns 0, or -1 (logged) with out empty.
 */
int	password_hash(const char *password, const struct password_cost *cost, char *out);

/* The cost of new hashes from the configuration (scrypt_n_log2, scrypt_r, scrypt_p). */
void	password_cost_config(struct password_cost *cost);

/*
 * Verify password against a stored hash. When it matches and the stored
 * hash is weaker than cost (another method, or a smaller N, r or p),
 * *rehash is set to 1 (else 0): the caller stores a new password_hash.
 */
enum password_rc password_verify(const char *password, const char *stored,
	    const struct password_cost *cost, int *rehash);

/*
 * Spend the time of verifying a password at cost, against nothing: what a
 * login for an unknown user does, so that it costs what a wrong password
 * costs. Always returns PASSWORD_MISMATCH.
 */
enum password_rc password_dummy(const char *password, const struct password_cost *cost);

#endif
