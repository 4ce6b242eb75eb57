-- wrk script for archive-bench.sh: each connection cycles over the query paths written by
-- archive-records.py (PATHS, one /api/v1/archive?... per line), each thread from its own offset.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  n = (id or 0) * 97
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Accept"] = "application/json" })
end
