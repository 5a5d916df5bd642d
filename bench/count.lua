-- wrk script: each of BENCH_THREADS threads stops after its share of BENCH_REQUESTS responses.
-- wrk itself still runs for its whole -d, so bench/run sizes -d from the measured rate.
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
