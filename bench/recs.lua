-- recs.lua: GET /api/recommendations with the token of a user who rated 200 movies (the 200 with
-- the most MovieLens ratings, 4.5 stars each), as bench/recs-latency.sh sets up. One user per wrk
-- run, registered with curl; the ratings are inserted with the mariadb client through
-- STREAMIFY_BENCH_VAR (the stack's var directory, which bench/run always has).
package.path = package.path .. ";" .. (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua"
local account = require("account")

local function prepare()
	local var = os.getenv("STREAMIFY_BENCH_VAR")
	if not var or var == "" then
		io.stderr:write("bench: recs.lua needs STREAMIFY_BENCH_VAR (the stack's var directory)\n")
		os.exit(1)
	end
	local name, token = account.register(account.base())
	local n = tonumber(os.getenv("BENCH_RATED") or "200")
	local sql = string.format("INSERT INTO ratings (user_id, movie_id, score) SELECT u.id, t.movie_id, 4.5 "
		.. "FROM users u JOIN (SELECT movie_id FROM movielens_ratings GROUP BY movie_id "
		.. "ORDER BY COUNT(*) DESC, movie_id LIMIT %d) t WHERE u.username = '%s'; "
		.. "SELECT COUNT(*) FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.username = '%s'",
		n, name, name)
	local out = account.shell(string.format("mariadb --no-defaults --protocol=socket --socket=%s/run/mysqld.sock "
		.. "-ustreamify -p\"$(cat %s/secrets/db_password)\" -N streamify -e \"%s\" 2>&1", var, var, sql))
	if tonumber(out:match("(%d+)") or "0") ~= n then
		io.stderr:write("bench: recs.lua: could not give the user " .. n .. " ratings: " .. out .. "\n")
		os.exit(1)
	end
	return token
end

function setup(thread)
	if not recs_token then
		recs_token = prepare()
	end
	thread:set("token", recs_token)
end

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. token
end
