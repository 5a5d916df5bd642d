-- wrk script: GET /api/movies/{id} with a token, so the detail carries user_state (one more
-- query) and is private: no cache can help. The id is the first of bench/library-setup.lua's.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local lib = dofile(dir .. "library-setup.lua")

function setup(thread)
	thread:set("token", lib.token())
	thread:set("movie_ids", lib.movies())
end

function init(args)
	wrk.path = "/api/movies/" .. lib.split(movie_ids)[1]
	wrk.headers["Authorization"] = "Bearer " .. token
end
