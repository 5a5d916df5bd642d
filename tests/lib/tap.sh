# tap.sh: TAP cases for the shell tests (sourced): ok, is, like, skip, diag, done_testing,
# and q, trusted SQL on the test database of the stack ./dev test starts. A failed case
# returns 1, so "ok ... || diag ..." can say why.

T_N=0
T_FAILED=0

# Skip the whole program unless ./dev test's stack is up.
tap_need_stack() {
	if [[ -z ${STREAMIFY_TEST_CONFIG:-} || -z ${STREAMIFY_TEST_DB_SOCKET:-} ]]; then
		echo "1..0 # SKIP no test stack (run ./dev test)"
		exit 0
	fi
}

# ok COND_STATUS NAME: one case from the exit status of the previous command.
ok() {
	T_N=$((T_N + 1))
	if [[ $1 == 0 ]]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
		return 1
	fi
}

# is GOT EXPECTED NAME
is() {
	T_N=$((T_N + 1))
	if [[ $1 == "$2" ]]; then
		echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#   got:      '$1'"
		echo "#   expected: '$2'"
		T_FAILED=$((T_FAILED + 1))
		return 1
	fi
}

# like TEXT REGEX NAME
like() {
	T_N=$((T_N + 1))
	if [[ $1 =~ $2 ]]; then
		echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#   '$1'"
		echo "#   does not match /$2/"
		T_FAILED=$((T_FAILED + 1))
		return 1
	fi
}

skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP $1"
}

diag() { echo "# $*"; }

done_testing() {
	echo "1..$T_N"
	[[ $T_FAILED == 0 ]]
}

# q SQL: the result of trusted SQL (tab-separated, no header) on the test database.
q() {
	MYSQL_PWD=$STREAMIFY_TEST_DB_PASSWORD mariadb --no-defaults --protocol=socket \
		--socket="$STREAMIFY_TEST_DB_SOCKET" -u"$STREAMIFY_TEST_DB_USER" -N -B \
		"${QDB:-$STREAMIFY_TEST_DB_NAME}" -e "$1"
}

