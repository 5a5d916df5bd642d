#!/usr/bin/env python3
"""werkzeug.py: password hashes in the two formats of the original Flask deployment.

Werkzeug's generate_password_hash stores "method$salt$hex":
  scrypt:N:r:p$salt$hex            hashlib.scrypt(pw, salt=salt, n, r, p, maxmem=132*N*r*p), 64 bytes
  pbkdf2:sha256:iterations$salt$hex  hashlib.pbkdf2_hmac("sha256", pw, salt, iterations), 32 bytes
with the salt used as its text's bytes. This script makes such hashes with Python's hashlib the
same way (fixed salts, so the output is reproducible) and writes them as a C header for
tests/unit/test-password.c:

    python3 tests/vectors/werkzeug.py > tests/vectors/werkzeug.h
"""
import hashlib

# (password, method, salt): a spread of methods, costs and passwords (non-ASCII included).
CASES = [
    ("correct horse 1", "scrypt:32768:8:1", "Xq3vLm9TzR2bWk7N"),
    ("p\u00e4ssw\u00f6rd-\u2603", "scrypt:32768:8:1", "a1B2c3D4e5F6g7H8"),
    ("short", "scrypt:16384:8:1", "0123456789abcdef"),
    ("correct horse 1", "pbkdf2:sha256:600000", "QwErTyUiOpAsDfGh"),
    ("another secret", "pbkdf2:sha256:260000", "ZxCvBnMlKjHgFdSa"),
]


def werkzeug_hash(password, method, salt):
    """What werkzeug.security._hash_internal computes, as the stored string."""
    name, *args = method.split(":")
    pw, sb = password.encode(), salt.encode()
    if name == "scrypt":
        n, r, p = map(int, args)
        h = hashlib.scrypt(pw, salt=sb, n=n, r=r, p=p, maxmem=132 * n * r * p).hex()
    else:
        digest, iterations = args[0], int(args[1])
        h = hashlib.pbkdf2_hmac(digest, pw, sb, iterations).hex()
    return f"{method}${salt}${h}"


def c_string(s):
    """A C string literal of s's UTF-8 bytes."""
    out = []
    for b in s.encode():
        out.append(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?' else "\\%03o" % b)
    return '"' + "".join(out) + '"'


def main():
    print("/* werkzeug.h: Werkzeug-format password hashes made by tests/vectors/werkzeug.py")
    print(" * with Python's hashlib. Do not edit: run the script again. */")
    print("static const struct { const char *password, *stored; } werkzeug_vectors[] = {")
    for password, method, salt in CASES:
        print("\t{ %s,\n\t    %s }," % (c_string(password), c_string(werkzeug_hash(password, method, salt))))
    print("};")


if __name__ == "__main__":
    main()
