-- Applies one request's changes to one session hash, atomically. Keycard's RedisSaveScript
-- sends it, replaces ${CREATED} and ${EXPIRES} with the names of the time fields, and passes:
--   KEYS[1]  the session's key
--   ARGV[1]  '1' if the session is new (the key is replaced), '0' if it is changed
--   ARGV[2]  creation instant, epoch milliseconds
--   ARGV[3]  expiry instant, epoch milliseconds: the hash's field and its native expiry
--   ARGV[4]  the current time, epoch milliseconds: a session expired by then is not revived
--   ARGV[5]  N, the number of fields written
--   ARGV[6 .. 5 + 2N]  the fields written, each name followed by its value
--   ARGV[6 + 2N ..]    the fields removed
-- Returns 1 if the changes were applied, 0 if the session was gone and they were dropped.
-- Fields go to HSET and HDEL in chunks because Lua's unpack cannot spread more than a few
-- thousand values; the times ride with the first HSET, so that a usual save runs three
-- commands: HGET, HSET, PEXPIREAT. Removed fields are deleted before the written ones are
-- written, so a name in both ends up written.
local key = KEYS[1]
local isNew = ARGV[1] == '1'
local createdAt = ARGV[2]
local expiresAt = ARGV[3]
local now = tonumber(ARGV[4])
local firstWritten = 6
local lastWritten = 5 + 2 * tonumber(ARGV[5])
local chunk = 1000

if isNew then
	redis.call('DEL', key)
else
	local expires = tonumber(redis.call('HGET', key, '${EXPIRES}'))
	if expires == nil or expires <= now then
		return 0
	end
end
for first = lastWritten + 1, #ARGV, chunk do
	redis.call('HDEL', key, unpack(ARGV, first, math.min(first + chunk - 1, #ARGV)))
end
local last = math.min(lastWritten, firstWritten + chunk - 1)
if last >= firstWritten then
	redis.call('HSET', key, '${CREATED}', createdAt, '${EXPIRES}', expiresAt, unpack(ARGV, firstWritten, last))
else
	redis.call('HSET', key, '${CREATED}', createdAt, '${EXPIRES}', expiresAt)
end
for first = last + 1, lastWritten, chunk do
	redis.call('HSET', key, unpack(ARGV, first, math.min(first + chunk - 1, lastWritten)))
end
redis.call('PEXPIREAT', key, expiresAt)
return 1
