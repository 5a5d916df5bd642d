#!/bin/bash
# test-schema.sh: the migrated schema meets Galera's rules (docs/scaling.md): every table is
# InnoDB and has a primary key, so that any table can be replicated row by row by a
# synchronous cluster as well as by asynchronous replication.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack

n=$(q "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
	AND TABLE_TYPE = 'BASE TABLE'")
[[ $n -gt 20 ]]
ok $? "the migrated schema has its tables ($n)"
nopk=$(q "SELECT t.TABLE_NAME FROM information_schema.TABLES t
	LEFT JOIN information_schema.TABLE_CONSTRAINTS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA
	AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY'
	WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_NAME IS NULL
	ORDER BY 1" | tr '\n' ' ')
is "${nopk% }" "" "every table has a primary key"
other=$(q "SELECT CONCAT(TABLE_NAME, ':', ENGINE) FROM information_schema.TABLES
	WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND ENGINE <> 'InnoDB'" |
	tr '\n' ' ')
is "${other% }" "" "every table is InnoDB"
done_testing
