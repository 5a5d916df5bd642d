-- wrk helper for the library scenarios: a bearer token for the stack under test.
-- BENCH_TOKEN in the environment is used as it is; otherwise one new user is registered (with
-- curl, once, in wrk's main Lua state) and its access token is handed to every thread.
local M = {}

local function register(host, port)
	local name = string.format("bench%d%04d", os.time(), math.random(0, 9999))
	local body = string.format('{"username":"%s","email":"%s@example.com","password":"correct horse 1"}',
		name, name)
	local cmd = string.format("curl -s -X POST -H 'Content-Type: application/json' -d '%s' "
		.. "http://%s:%s/api/register", body, host, port)
	local p = io.popen(cmd)
	local out = p:read("*a")
	p:close()
	local token = out:match('"access_token"%s*:%s*"([^"]+)"')
	if not token then
		io.stderr:write("bench: cannot register a user for the token: " .. out .. "\n")
		os.exit(1)
	end
	return token
end

-- The token, made once per wrk run (call from setup(), in the main state).
function M.token()
	if not M.cached then
		M.cached = os.getenv("BENCH_TOKEN")
		if not M.cached or M.cached == "" then
			math.randomseed(os.time())
			M.cached = register(wrk.host, wrk.port)
		end
	end
	return M.cached
end

return M
