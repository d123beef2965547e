/**
 * One node of the cluster benchmark, in its own process: wsgate serving the benchmark's template
 * in cluster mode on the Redis given, handlers in-process, plain HTTP (no TLS), every management
 * call SigV4-verified and IAM-checked (the default `enforce` mode) for the benchmark's caller.
 *
 * Run as `node --import tsx bench/cluster/node.ts <template.json> <redis URL> <key prefix> <node id>`;
 * prints `PORT <n>` when listening, and stops gracefully (leaving the registry) when stdin ends.
 */
import { Gateway } from '../../src/gateway/gateway.js';
import { BENCH_CALLER } from './template.js';

async function main(template: string, redis: string, keyPrefix: string, nodeId: string): Promise<void> {
  const gateway = await Gateway.start(template, {
    log: false,
    invocationMode: 'in-process',
    tls: false,
    redis,
    nodeId,
    cluster: { keyPrefix },
    credentials: [{ ...BENCH_CALLER, allow: ['execute-api:ManageConnections'] }],
    // The load exceeds API Gateway's account quotas (500 new connections and 10 000 requests per second).
    throttle: { connectionsPerSecond: Infinity, connectionBurst: Infinity, requestsPerSecond: Infinity, requestBurst: Infinity },
  });
  process.stdout.write(`PORT ${gateway.port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    gateway.stop().then(() => process.exit(0), () => process.exit(1));
  });
}

const [template, redis, keyPrefix, nodeId] = process.argv.slice(2);
if (!template || !redis || !keyPrefix || !nodeId) throw new Error('usage: node.ts <template.json> <redis URL> <key prefix> <node id>');
await main(template, redis, keyPrefix, nodeId);
