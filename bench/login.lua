-- login.lua: POST /api/login with a registered user's right password, as fast as the server
-- answers. Each login costs one scrypt hash (about 0.3 s of a core), so the rate is bounded by
-- the cores, on purpose; bench/scenarios runs it with 4 connections, which stays under nginx's
-- 10 a second per address (burst 20) for the auth routes.
package.path = package.path .. ";" .. (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua"
local account = require("account")

function init(args)
	local name = account.register(account.base())
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.body = string.format('{"username":"%s","password":"bench password 1"}', name)
end

