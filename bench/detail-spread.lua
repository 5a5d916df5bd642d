-- bench/detail-spread.lua: GET /api/movies/{id} over the whole MovieLens catalog (ids 1..9742 in
-- a fixed pseudo-random order), so most requests miss the workers' answer memory (2048 answers
-- each) and run the detail's statements: the cost of a detail nobody asked for lately.
local n, i = 9742, 0
math.randomseed(42)

request = function()
	i = i + 1
	return wrk.format("GET", "/api/movies/" .. math.random(1, n))
end
