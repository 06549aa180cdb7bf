-- Revokes a user's sessions or one session, raises the revocation version and tells every
-- instance, atomically. Keycard's RedisRevocationStore passes three keys of one hash slot (their
-- hash tag is the same), so that the script runs on Redis Cluster:
--   KEYS[1]  the hash of user revocations: principal key -> "before" or "before:keptAt:kept"
--   KEYS[2]  the sorted set of revoked sessions: session id scored by when it expires anyway
--   KEYS[3]  the revocation version: how many changes were made
--   KEYS[4]  the revocation chain: the SHA-1 of the previous chain and the last change, so that
--            a store that lost changes and made others as many is not taken for the same
--   ARGV[1]  'p' for a user's sessions, 's' for one session
--   ARGV[2]  the principal key, or the session id
--   ARGV[3]  the user revocation ("before" in epoch milliseconds, or "before:keptAt:kept" with
--            the kept session's sign-in in epoch microseconds), or the session's expiry in epoch
--            milliseconds
--   ARGV[4]  the current time, epoch milliseconds
--   ARGV[5]  the channel every instance listens on
-- A user revocation is combined with the user's previous one, as PrincipalRevocation.combined
-- does, so that none undoes another. Sessions that have expired anyway are dropped as another is
-- revoked. Publishes and returns "previous-version previous-chain version chain kind subject value",
-- value being what was stored.
local function parse(value)
  local before, keptAt, kept = string.match(value, '^(%d+):(%d+):(.+)$')
  if before then
    return { tonumber(before), tonumber(keptAt), kept }
  end
  return { tonumber(value) }
end

local function revokes(revocation, id, signedInAt)
  return signedInAt < revocation[1] * 1000 and id ~= revocation[3]
end

local function format(revocation)
  if revocation[3] then
    return string.format('%d:%d:%s', revocation[1], revocation[2], revocation[3])
  end
  return string.format('%d', revocation[1])
end

local value = ARGV[3]
if ARGV[1] == 'p' then
  local added = parse(value)
  local stored = redis.call('HGET', KEYS[1], ARGV[2])
  if stored then
    local existing = parse(stored)
    local later, earlier = added, existing
    if added[1] < existing[1] then
      later, earlier = existing, added
    end
    if later[3] and revokes(earlier, later[3], later[2]) then
      later = { later[1] }
    end
    value = format(later)
  end
  redis.call('HSET', KEYS[1], ARGV[2], value)
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
  redis.call('ZADD', KEYS[2], value, ARGV[2])
end
local previousChain = redis.call('GET', KEYS[4]) or '0'
local version = redis.call('INCR', KEYS[3])
local change = ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. value
local chain = redis.sha1hex(previousChain .. ' ' .. version .. ' ' .. change)
redis.call('SET', KEYS[4], chain)
local message = (version - 1) .. ' ' .. previousChain .. ' ' .. version .. ' ' .. chain .. ' ' .. change
redis.call('PUBLISH', ARGV[5], message)
return message
