-- wrk script for load-tests/bench.sh: every request is a new citizen's letter (its own
-- client address through X-Forwarded-For, its own phone number and text), like
-- Portal.randomLetter in the Gatling simulations, about 300 characters of Chinese text.
-- Counts answers by status so the script can report anything but 201.
local places = {"西山区", "五华区", "盘龙区", "官渡区", "呈贡区", "晋宁区"}
local matters = {"夜间施工噪音", "小区停车难", "道路积水", "垃圾清运不及时", "公交线路调整", "供暖不足"}
local natures = {"complaint", "suggestion", "consultation", "help"}
local fields = {"urban_construction", "environment", "transport", "water_power_gas", "other"}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  statuses = {}
end

function request()
  local place = places[math.random(#places)]
  local matter = matters[math.random(#matters)]
  local street = math.random(300)
  local title = place .. matter .. "的问题（" .. street .. "号）"
  local body = ("我住在" .. place .. "幸福路" .. street .. "号附近，最近" .. math.random(2, 41) .. "天以来" .. matter
    .. "，已经向社区反映过" .. math.random(2, 8) .. "次，一直没有解决。附近有老人和孩子，出行和休息都受到影响。"
    .. "希望有关部门尽快派人到现场查看，说明处理的时间安排，并把结果告诉居民。第" .. math.random(0, 99999) .. "号居民反映。"):rep(2)
  local phone = string.format("13%d%08d", math.random(0, 9), math.random(0, 99999999))
  local address = string.format("%d.%d.%d.%d", 11 + math.random(0, 179), math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  local json = '{"mailbox":"mayor","nature":"' .. natures[math.random(#natures)] .. '","field":"'
    .. fields[math.random(#fields)] .. '","region":"xishan","title":"' .. title .. '","body":"' .. body
    .. '","name":"张三","phone":"' .. phone .. '","anonymous":false,"publicationConsent":true}'
  return wrk.format("POST", "/api/v1/letters", {["Content-Type"] = "application/json",
    ["Accept"] = "application/json", ["Accept-Language"] = "zh-CN", ["X-Forwarded-For"] = address}, json)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, string.format('"%d":%d', status, count))
  end
  -- The tail's shape, not only its p99: a few long stalls and many slightly slow answers
  -- give the same p99.
  local tail = {}
  for _, p in ipairs({90, 95, 98, 99.5, 99.9}) do
    table.insert(tail, string.format('"%s":%.1f', p, latency:percentile(p) / 1000))
  end
  io.write(string.format('WRK {"requests":%d,"seconds":%.1f,"byStatus":{%s},"p50":%.1f,"p99":%.1f,"tail":{%s},"errors":%d}\n',
    summary.requests, summary.duration / 1e6, table.concat(parts, ","), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, table.concat(tail, ","), summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
