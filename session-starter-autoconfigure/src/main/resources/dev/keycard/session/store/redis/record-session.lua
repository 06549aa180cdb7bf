-- Records a signed-in cookie session for its user's device list, on the user's own key: one
-- hash per user, session id -> JSON. Keycard's RedisRevocationStore passes:
--   KEYS[1]  the user's key
--   ARGV[1]  the session id
--   ARGV[2]  the session, as JSON
--   ARGV[3]  the session's expiry, epoch milliseconds
--   ARGV[4]  the current time, epoch milliseconds
-- The hash expires with its last session, so that it never outlives the sessions it lists.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or tonumber(ARGV[4]) + ttl < tonumber(ARGV[3]) then
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
end
return redis.call('HLEN', KEYS[1])
