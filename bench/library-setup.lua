-- wrk helper for the library scenarios: a bearer token and the movie ids to use, made once per
-- wrk run in wrk's main Lua state (call from setup()) and handed to the threads.
-- Token: BENCH_TOKEN, else one new user registered with curl.
-- Movies: BENCH_MOVIE_IDS ("1,2,3"), else the first BENCH_MOVIES (default 100) of GET /api/movies;
-- a stack with an empty catalog gets that many fixture movies, inserted with the mariadb client
-- through STREAMIFY_BENCH_VAR (the throwaway stack of ./dev bench).
local M = {}

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local account = dofile(dir .. "account.lua")
local shell, base = account.shell, account.base

local function catalog_ids(n)
	local ids = {}
	local out = shell(string.format("curl -s '%s/api/movies?per_page=%d&sort=title_asc'", base(),
		math.min(n, 100)))
	-- each summary opens with its id: {"id":123,"title":...
	for id in out:gmatch('{"id":(%d+),"title"') do
		ids[#ids + 1] = tonumber(id)
	end
	return ids
end

local function insert_fixtures(n)
	local var = os.getenv("STREAMIFY_BENCH_VAR")
	if not var or var == "" then
		return
	end
	local values = {}
	for i = 1, n do
		values[#values + 1] = string.format("('Bench fixture %d', 'Drama', %s)", i,
			i % 2 == 0 and "NULL" or "100")
	end
	shell(string.format("mariadb --no-defaults --protocol=socket --socket=%s/run/mysqld.sock "
		.. "-ustreamify -p\"$(cat %s/secrets/db_password)\" streamify "
		.. "-e \"INSERT INTO movies (title, genres, duration) VALUES %s\"",
		var, var, table.concat(values, ", ")))
end

function M.token()
	if not M.cached_token then
		math.randomseed(os.time())
		M.cached_token = os.getenv("BENCH_TOKEN")
		if not M.cached_token or M.cached_token == "" then
			M.cached_token = select(2, account.register(base()))
		end
	end
	return M.cached_token
end

-- The movie ids, as a comma-separated string (thread:set takes strings, numbers, tables).
function M.movies()
	if not M.cached_ids then
		local n = tonumber(os.getenv("BENCH_MOVIES") or "100")
		local given = os.getenv("BENCH_MOVIE_IDS")
		if given and given ~= "" then
			M.cached_ids = given
		else
			local ids = catalog_ids(n)
			if #ids == 0 then
				insert_fixtures(n)
				ids = catalog_ids(n)
			end
			if #ids == 0 then
				io.stderr:write("bench: no movies to use (set BENCH_MOVIE_IDS)\n")
				os.exit(1)
			end
			M.cached_ids = table.concat(ids, ",")
		end
	end
	return M.cached_ids
end

-- Split "1,2,3" into a list of numbers (in a thread's state).
function M.split(s)
	local ids = {}
	for id in s:gmatch("%d+") do
		ids[#ids + 1] = id
	end
	return ids
end

return M
