-- account.lua: shared by login.lua and profile.lua: each wrk thread registers its own user once
-- (with curl, before it sends anything) and keeps that user's name and access token.
local M = {}

-- Registers a fresh user against base ("http://127.0.0.1:PORT") and returns name, token.
function M.register(base)
	math.randomseed(os.time() + math.floor(os.clock() * 1000000))
	local name = string.format("bench%d%06d", os.time() % 100000, math.random(0, 999999))
	local body = string.format('{"username":"%s","email":"%s@example.com","password":"bench password 1"}',
		name, name)
	local cmd = string.format("curl -s -X POST -H 'Content-Type: application/json' --data '%s' '%s/api/register'",
		body, base)
	local p = io.popen(cmd)
	local out = p:read("*a")
	p:close()
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
