-- account.lua: shared by the wrk scripts that need a user (login, profile, recs, the library
-- ones): a fresh user registered with curl, and a shell helper.
local M = {}

-- Runs cmd and returns what it printed.
function M.shell(cmd)
	local p = io.popen(cmd)
	local out = p:read("*a")
	p:close()
	return out
end

-- Registers a fresh user against base ("http://127.0.0.1:PORT") and returns name, token.
function M.register(base)
	math.randomseed(os.time() + math.floor(os.clock() * 1000000))
	local name = string.format("bench%d%06d", os.time() % 100000, math.random(0, 999999))
	local body = string.format('{"username":"%s","email":"%s@example.com","password":"bench password 1"}',
		name, name)
	local cmd = string.format("curl -s -X POST -H 'Content-Type: application/json' --data '%s' '%s/api/register'",
		body, base)
	local out = M.shell(cmd)
	local token = out:match('"access_token":"([^"]+)"')
	if token == nil then
		error("bench: register " .. name .. " failed: " .. out)
	end
	return name, token
end

-- The base URL of the stack under test.
function M.base()
	return os.getenv("STREAMIFY_BENCH_URL") or ("http://" .. wrk.host .. ":" .. wrk.port)
end

return M
