-- wrk script: PUT /api/history/{id} with a token, the playback report every player sends.
-- Each request is a durable upsert. The movie ids rotate over 1..BENCH_MOVIES (default 100, so
-- rows of one user but distinct movies; 1 = every connection on one row, the worst case), and
-- the position moves on, staying in progress.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local lib = dofile(dir .. "library-token.lua")
local movies = tonumber(os.getenv("BENCH_MOVIES") or "100")
local n = 0

function setup(thread)
	thread:set("token", lib.token())
end

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. token
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	n = n + 1
	local body = string.format('{"progress":%d}', 600 + (n * 7) % 3000)
	return wrk.format("PUT", "/api/history/" .. (1 + n % movies), nil, body)
end
