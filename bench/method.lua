-- wrk script: sends METHOD (BENCH_METHOD) with an optional JSON body (BENCH_BODY).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
	wrk.body = body
	wrk.headers["Content-Type"] = "application/json"
end
