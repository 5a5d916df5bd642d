/* werkzeug.h: Werkzeug-format password hashes made by tests/vectors/werkzeug.py
 * with Python's hashlib. Do not edit: run the script again. */
static const struct { const char *password, *stored; } werkzeug_vectors[] = {
	{ "correct horse 1",
	    "scrypt:32768:8:1$Xq3vLm9TzR2bWk7N$7dd725bb25dd96754dc6ad7ae192275ae84834daa12b54a685d3d93ae09c7e692c4197031b9c2b033d8f79013b717aa2d54de605db995a9120ea5da8b1b9e974" },
	{ "p\303\244ssw\303\266rd-\342\230\203",
	    "scrypt:32768:8:1$a1B2c3D4e5F6g7H8$14e12cb59308a771ca4c2a9300865fa068a7532674ed94d4724adc80ef4bd7d773cfddcb35eb8eabdb20335a7b8cd38a7fa9d2c286f5c0c225e2f63ae0dc732a" },
	{ "short",
	    "scrypt:16384:8:1$0123456789abcdef$386160687aa8a20a29a131794e202b81d3b05ce9f96a22aeddeae7558a5beecbcf67d0f8b7157f9f8d05af03c9a7f7f6f8ab8ec9829fb0512d600c22379bb73f" },
	{ "correct horse 1",
	    "pbkdf2:sha256:600000$QwErTyUiOpAsDfGh$a43ec3e3d445d6ce3aa841a26021f3de7f8b6da5f9d393af00920465d3a5163b" },
	{ "another secret",
	    "pbkdf2:sha256:260000$ZxCvBnMlKjHgFdSa$e9f0fd7da5008bbc1ad358da90f986b4d99c5e73c7844baba6cc2ff043e947ae" },
};
