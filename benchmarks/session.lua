-- wrk script for the Keycard end-to-end benchmark (see BENCHMARKS.md).
-- Every wrk thread has its own Lua state; run with as many threads as connections (-t16 -c16)
-- so that each connection keeps its own cookie jar, as a browser would.
-- Usage: wrk -t16 -c16 -d10s -s session.lua http://127.0.0.1:18080 -- /visits
-- On /read, a connection first calls /visits once so that it reads an existing session.

cookie = nil
responses = 0
failures = 0
last = -1
path = "/visits"

function init(args)
	path = args[1] or "/visits"
end

function request()
	local target = path
	if path == "/read" and cookie == nil then
		target = "/visits"
	end
	if cookie then
		return wrk.format("GET", target, { ["Cookie"] = cookie })
	end
	return wrk.format("GET", target)
end

function response(status, headers, body)
	responses = responses + 1
	if status ~= 200 then
		failures = failures + 1
	end
	local set = headers["Set-Cookie"] or headers["set-cookie"]
	if set then
		local pair = set:match("^([^;]+)")
		if set:find("Max%-Age=0") then
			cookie = nil
		elseif pair then
			cookie = pair
		end
	end
	local count = body:match("visited (%d+) times")
	if count then
		last = tonumber(count)
	end
end

threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function done(summary, latency, requests)
	local failed, miscounted = 0, 0
	for _, thread in ipairs(threads) do
		failed = failed + thread:get("failures")
		-- On /visits every response counts one more visit of that connection's own session.
		if thread:get("path") == "/visits" and thread:get("last") ~= thread:get("responses") then
			miscounted = miscounted + 1
		end
	end
	local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
	io.write(string.format("CHECK responses=%d non200=%d miscounted_connections=%d socket_errors=%d\n",
		summary.requests, failed, miscounted, socket))
end
