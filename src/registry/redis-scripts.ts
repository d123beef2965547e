/**
 * The Lua scripts of the Redis registry, each one atomic. They are sent with EVAL (Redis caches
 * the compiled script), so a restarted Redis needs nothing loaded again. Key layout: redis-keys.ts.
 */

/**
 * Writes one record and marks its node alive.
 * KEYS: connection, node's connection set, node's heartbeat, nodes set.
 * ARGV: record JSON, lastActiveAt, nodeId, connectionId, TTL ms, heartbeat value.
 */
export const WRITE_RECORD = `
redis.call('HSET', KEYS[1], 'r', ARGV[1], 'a', ARGV[2], 'n', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[5])
redis.call('SADD', KEYS[4], ARGV[3])
return 1`;

/**
 * Moves lastActiveAt forward for each connection that still exists (a gone one stays gone).
 * KEYS: connections. ARGV: one timestamp per key.
 */
export const TOUCH = `
for i, k in ipairs(KEYS) do
  local cur = redis.call('HGET', k, 'a')
  if cur and tonumber(ARGV[i]) > tonumber(cur) then redis.call('HSET', k, 'a', ARGV[i]) end
end
return 0`;

/**
 * Refreshes the TTL of connections; returns the 1-based positions of the keys that no longer
 * exist (the caller writes those records again).
 * KEYS: connections. ARGV: TTL ms.
 */
export const REFRESH = `
local missing = {}
for i, k in ipairs(KEYS) do
  if redis.call('PEXPIRE', k, ARGV[1]) == 0 then missing[#missing + 1] = i end
end
return missing`;

/**
 * Deletes one record; 1 if it existed.
 * KEYS: connection, node's connection set. ARGV: connectionId.
 */
export const DELETE_RECORD = `
local existed = redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return existed`;

/**
 * Removes what is left of a dead node: the records its set still names (only those it owns), the
 * set, and its entry in the nodes set. Does nothing and returns false when the node is alive.
 * KEYS: node's heartbeat, node's connection set, nodes set. ARGV: nodeId, prefix of connection keys.
 */
export const REAP_NODE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local ids = redis.call('SMEMBERS', KEYS[2])
for _, id in ipairs(ids) do
  local k = ARGV[2] .. id
  if redis.call('HGET', k, 'n') == ARGV[1] then redis.call('DEL', k) end
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return ids`;

/**
 * Publishes a bus message to a node if it is alive: -1 when it has no heartbeat, else the number
 * of subscribers that received it (0: nobody listens).
 * KEYS: the node's heartbeat. ARGV: channel, message.
 */
export const PUBLISH_IF_ALIVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('PUBLISH', ARGV[1], ARGV[2])`;
