-- wrk script: PUT /api/history/{id} with a token, the playback report every player sends.
-- Each request is a durable upsert. The movie rotates over the ids of bench/library-setup.lua
-- (BENCH_MOVIES, default 100: rows of one user and distinct movies; BENCH_MOVIES=1 puts every
-- connection on one row, the worst case), and the position moves on, staying in progress.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local lib = dofile(dir .. "library-setup.lua")
local ids, n = nil, 0

function setup(thread)
	thread:set("token", lib.token())
	thread:set("movie_ids", lib.movies())
end

function init(args)
	ids = lib.split(movie_ids)
	wrk.headers["Authorization"] = "Bearer " .. token
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	n = n + 1
	local body = string.format('{"progress":%d}', 600 + (n * 7) % 3000)
	return wrk.format("PUT", "/api/history/" .. ids[1 + n % #ids], nil, body)
end
