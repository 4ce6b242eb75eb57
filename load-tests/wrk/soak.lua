-- Paced submissions for load-tests/soak.sh: submit.lua's letters, but each connection waits a
-- fixed pause (wrk's first script argument, in milliseconds) before each request. wrk has no
-- rate option and Lua in wrk has no clock finer than a second, so the rate is set by the
-- pause: C connections send about C / (pause + latency) letters per second; the soak reports
-- the rate it actually got.
dofile("submit.lua")

local submit_init = init

function init(args)
  submit_init(args)
  pause = tonumber(args[1]) or 0
end

function delay()
  return pause
end
