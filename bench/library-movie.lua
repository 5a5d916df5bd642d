-- wrk script: GET of the scenario's path (a movie detail) with a token, so the answer carries
-- user_state (one more query) and is private: no cache in front can help.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local lib = dofile(dir .. "library-token.lua")

function setup(thread)
	thread:set("token", lib.token())
end

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. token
end
