-- Files a session under its principal, atomically, on the principal's own key: one sorted set
-- per principal, its members the sessions' store keys, each scored by its session's expiry.
-- Keycard's RedisPrincipalIndex sends it with every save of a session that has a principal,
-- pipelined with the save itself, and passes:
--   KEYS[1]  the principal's index key
--   ARGV[1]  the session's store key
--   ARGV[2]  the session's expiry, epoch milliseconds
--   ARGV[3]  the current time, epoch milliseconds
-- Members whose expiry has passed are dropped, and the set expires with its last session, so
-- that an index never outlives the sessions it lists. Returns the number of members.
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
return redis.call('ZCARD', KEYS[1])
