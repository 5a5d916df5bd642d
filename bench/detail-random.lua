-- bench/detail-random.lua: GET /api/movies/{id} with ids drawn uniformly at random from
-- 1..BENCH_MOVIES (default 9742, the MovieLens catalog; ./dev bench with BENCH_CATALOG=N loads
-- a synthetic catalog of N movies with ids 1..N). Each wrk thread draws its own sequence.
local n = tonumber(os.getenv("BENCH_MOVIES") or "9742")
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("seed", threads)
end

function init(args)
	math.randomseed(1000003 * (seed or 1))
end

request = function()
	return wrk.format("GET", "/api/movies/" .. math.random(1, n))
end
