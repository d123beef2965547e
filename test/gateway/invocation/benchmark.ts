/**
 * Invocations per second of a trivial handler, warm, in both modes (not a test: run it by hand).
 *
 *   node --import tsx test/gateway/invocation/benchmark.ts [isolated|in-process|both] [invocations]
 */
import { createInvoker } from '../../../src/gateway/invocation/create-invoker.js';
import type { FunctionModel } from '../../../src/model/gateway-model.js';

const fn: FunctionModel = {
  key: 'Bench/Echo',
  logicalId: 'Echo',
  functionName: 'Bench-Echo',
  functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:Bench-Echo',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  code: { kind: 'inline', source: 'exports.handler = async (event) => ({ statusCode: 200, body: event.body });' },
  environment: {},
  timeoutSeconds: 3,
  memorySizeMb: 128,
};

const event = {
  requestContext: { routeKey: 'sendMessage', eventType: 'MESSAGE', connectionId: 'R1kmxc2VNjMCFIA=', requestId: 'BFaT_fALIAMCKug=', stage: 'dev' },
  body: '{"action":"sendMessage","data":"hello"}',
  isBase64Encoded: false,
};

async function measure(mode: 'isolated' | 'in-process', total: number): Promise<void> {
  const invoker = createInvoker({ mode });
  try {
    for (let i = 0; i < Math.min(total, 2000); i++) await invoker.invoke({ fn, event, requestId: `warm-${i}` });
    for (const concurrency of [1, 16]) {
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const result = await invoker.invoke({ fn, event, requestId: `r-${next++}` });
          if (!result.ok) throw new Error(`${result.errorType}: ${result.errorMessage}`);
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      console.log(`${mode.padEnd(10)} concurrency ${String(concurrency).padStart(2)}: ${Math.round(total / seconds)} invocations/s (${((seconds * 1e6) / total).toFixed(1)} µs each, ${total} invocations)`);
    }
  } finally {
    await invoker.close();
  }
}

const which = process.argv[2] ?? 'both';
const total = Number(process.argv[3] ?? 20_000);
if (which === 'both' || which === 'in-process') await measure('in-process', total * 5);
if (which === 'both' || which === 'isolated') await measure('isolated', total);
