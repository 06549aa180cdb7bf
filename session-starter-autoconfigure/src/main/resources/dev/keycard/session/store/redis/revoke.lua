-- Revokes a user's sessions or one session, raises the revocation version and tells every
-- instance, atomically. Keycard's RedisRevocationStore passes three keys of one hash slot (their
-- hash tag is the same), so that the script runs on Redis Cluster:
--   KEYS[1]  the hash of user revocations: principal key -> "before" or "before:kept session id"
--   KEYS[2]  the sorted set of revoked sessions: session id scored by when it expires anyway
--   KEYS[3]  the revocation version
--   ARGV[1]  'p' for a user's sessions, 's' for one session
--   ARGV[2]  the principal key, or the session id
--   ARGV[3]  the user revocation, or the session's expiry in epoch milliseconds
--   ARGV[4]  the current time, epoch milliseconds
--   ARGV[5]  the channel every instance listens on
-- Sessions that have expired anyway are dropped as another is revoked. Returns the new version.
if ARGV[1] == 'p' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
end
local version = redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[5], version .. ' ' .. ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
return version
