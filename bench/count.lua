-- wrk script: stops after BENCH_REQUESTS responses in all (split evenly over BENCH_THREADS
-- threads), so a run is a fixed number of requests rather than a fixed time.
local total = tonumber(os.getenv("BENCH_REQUESTS") or "100000")
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local per_thread = math.ceil(total / threads)
local seen = 0

function response(status, headers, body)
	seen = seen + 1
	if seen == per_thread then
		wrk.thread:stop()
	end
end
