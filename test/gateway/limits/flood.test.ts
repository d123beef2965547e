/**
 * Bounded floods over loopback: connects and messages are held to the configured rates within
 * ±10 % (the count a token bucket allows in the flood's measured duration: burst + rate × seconds),
 * while another stage of the same gateway keeps answering every message. Each flood runs a fixed
 * time and stops by itself. Latencies of the other stage are reported (t.diagnostic), not asserted.
 */
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Gateway } from '../../../src/gateway/gateway.js';
import type { GatewayOptions } from '../../../src/gateway/options.js';
import { buildLimitsApp } from '../support/limits-fixture.js';

const FLOOD_MS = 2500;

function open(url: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => { res.resume(); resolve(res.statusCode ?? 0); });
    ws.once('error', () => resolve(0));
  });
}

/** Connects as fast as `workers` loops can for FLOOD_MS; counts admitted and refused (429) handshakes. */
async function connectFlood(url: string, workers = 6): Promise<{ admitted: number; refused: number; seconds: number }> {
  let admitted = 0;
  let refused = 0;
  const started = performance.now();
  const until = started + FLOOD_MS;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < until) {
      const r = await open(url);
      if (typeof r === 'number') {
        assert.equal(r, 429, `a refused handshake is 429, got ${r}`);
        refused++;
      } else {
        admitted++;
        r.terminate();
      }
    }
  }));
  return { admitted, refused, seconds: (performance.now() - started) / 1000 };
}

/** Keeps `inFlight` messages in flight on one connection for FLOOD_MS; counts answers and throttle frames. */
async function messageFlood(url: string, body: string, inFlight = 10): Promise<{ answered: number; throttled: number; seconds: number }> {
  const ws = await open(url);
  assert.ok(typeof ws !== 'number');
  let answered = 0;
  let throttled = 0;
  const started = performance.now();
  const until = started + FLOOD_MS;
  await new Promise<void>((resolve) => {
    let outstanding = 0;
    const sendOne = () => {
      if (performance.now() >= until) {
        if (outstanding === 0) resolve();
        return;
      }
      outstanding++;
      ws.send(body);
    };
    ws.on('message', (data) => {
      outstanding--;
      if (data.toString() === body) answered++;
      else if (data.toString().startsWith('{"message": "Too Many Requests"')) throttled++;
      else assert.fail(`unexpected frame ${data.toString()}`);
      sendOne();
    });
    for (let i = 0; i < inFlight; i++) sendOne();
  });
  ws.terminate();
  return { answered, throttled, seconds: (performance.now() - started) / 1000 };
}

/** Pings the other stage every 50 ms while `work` runs; every ping must be answered. */
async function whileProbing<T>(t: TestContext, url: string, work: () => Promise<T>): Promise<T> {
  const ws = await open(url);
  assert.ok(typeof ws !== 'number');
  const latencies: number[] = [];
  let running = true;
  const probing = (async () => {
    while (running) {
      const sent = performance.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the other stage did not answer within 5 s')), 5000);
        ws.once('message', (d) => { clearTimeout(timer); resolve(d.toString()); });
        ws.send('"probe"');
      });
      assert.equal(answer, '"probe"');
      latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return await work();
  } finally {
    running = false;
    await probing;
    ws.terminate();
    latencies.sort((a, b) => a - b);
    t.diagnostic(`other stage during the flood: ${latencies.length} pings answered, p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
  }
}

function assertWithin10Percent(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= expected * 0.1, `${what}: ${actual}, expected ${expected.toFixed(1)} ±10 %`);
}

describe('floods are held to the configured rates', { timeout: 120_000 }, () => {
  const gateways: Gateway[] = [];
  after(async () => { for (const g of gateways) await g.stop(); });
  const start = async (options: GatewayOptions = {}) => {
    const g = await Gateway.start(buildLimitsApp(), { log: false, invocationMode: 'in-process', tls: false, ...options });
    gateways.push(g);
    return g;
  };
  const url = (g: Gateway, stage: string) => g.endpoints().find((e) => e.apiName === 'Flood' && e.stage === stage)!.url;

  test('GIVEN a stage at 20 connects/s (burst 5) WHEN flooded with connects THEN it admits burst + rate × time ±10 %, and the open stage answers every message', async (t) => {
    const g = await start({ throttle: { connectionsPerSecond: Infinity, requestsPerSecond: Infinity } });
    const { admitted, refused, seconds } = await whileProbing(t, url(g, 'open'), () => connectFlood(url(g, 'limited')));
    t.diagnostic(`${admitted} admitted, ${refused} refused in ${seconds.toFixed(2)} s`);
    assert.ok(refused > admitted, 'the flood went well over the rate');
    assertWithin10Percent(admitted, 5 + 20 * seconds, 'connects admitted');
  });

  test('GIVEN a route at 50 messages/s (burst 10) WHEN one client floods it THEN it answers burst + rate × time ±10 % and sends Too Many Requests frames for the rest', async (t) => {
    const g = await start({ throttle: { connectionsPerSecond: Infinity, requestsPerSecond: Infinity } });
    const { answered, throttled, seconds } = await whileProbing(t, url(g, 'open'), () => messageFlood(url(g, 'limited'), '{"action":"ping"}'));
    t.diagnostic(`${answered} answered, ${throttled} throttled in ${seconds.toFixed(2)} s`);
    assert.ok(throttled > answered, 'the flood went well over the rate');
    assertWithin10Percent(answered, 10 + 50 * seconds, 'messages answered');
  });

  test('GIVEN the gateway-wide limits at 30 connects/s (burst 10) and 100 requests/s (burst 20) WHEN flooded on an unthrottled stage THEN each holds ±10 %', async (t) => {
    const g = await start({ throttle: { connectionsPerSecond: 30, connectionBurst: 10, requestsPerSecond: 100, requestBurst: 20 } });
    const connects = await connectFlood(url(g, 'open'));
    t.diagnostic(`connects: ${connects.admitted} admitted, ${connects.refused} refused in ${connects.seconds.toFixed(2)} s`);
    assertWithin10Percent(connects.admitted, 10 + 30 * connects.seconds, 'connects admitted');
    // The connect flood used up the request bucket too (connects are requests); let it refill.
    await new Promise((r) => setTimeout(r, 300));
    const messages = await messageFlood(url(g, 'open'), '"m"');
    t.diagnostic(`messages: ${messages.answered} answered, ${messages.throttled} throttled in ${messages.seconds.toFixed(2)} s`);
    assertWithin10Percent(messages.answered, 20 + 100 * messages.seconds, 'messages answered');
  });
});
