-- wrk script for benchmarks/run-capacity.sh: session.lua (one cookie jar per connection, the
-- same checks), and each thread stops after a fixed number of responses, so that a run makes a
-- known number of requests whatever the machine's speed. A thread that stops leaves a file in
-- DIR; wrk itself waits for its -d, so the caller interrupts it (SIGINT) once all are there.
-- Usage: wrk -t2 -c2 -d600s -s benchmarks/capacity.lua URL -- /visits 10000 DIR   (per thread)
dofile("benchmarks/session.lua")

local session_init, session_response = init, response
local limit, marker = nil, nil

function init(args)
	session_init(args)
	limit = tonumber(args[2])
	marker = args[3]
end

function response(status, headers, body)
	session_response(status, headers, body)
	if limit and responses >= limit then
		if marker then
			local file = io.open(string.format("%s/%s", marker, tostring(wrk.thread):gsub("[^%w]", "")), "w")
			if file then file:close() end
		end
		wrk.thread:stop()
	end
end
