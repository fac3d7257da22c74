-- POST the signed applications in $BODY_FILE (one JSON body per line) in turn, each once: every
-- request creates an application (signature check, replay lookup, attachment checks, durable
-- insert), the cost a submit really has. Each wrk thread takes every n-th line.
local bodies = {}
for line in io.lines(os.getenv("BODY_FILE")) do
  bodies[#bodies + 1] = line
end
local counter = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  counter = offset
end

function request()
  counter = counter + step
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
