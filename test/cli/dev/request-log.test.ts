import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRequest } from '../../../src/cli/dev/request-log.js';
import { Terminal } from '../../../src/cli/dev/terminal.js';
import type { RequestLogLine } from '../../../src/gateway/options.js';

/** A stream that records what is written, as a terminal or not. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

const LINE: RequestLogLine = {
  time: new Date(2024, 0, 2, 3, 4, 5).toISOString(), requestId: 'r', connectionId: 'Abc123XYZ=', apiId: 'a', stage: 'dev',
  eventType: 'MESSAGE', routeKey: 'sendMessage', status: 502, latencyMs: 12.4, error: 'Error: boom', handlerLogs: ['first', 'second\nthird'],
};

describe('the dev request log', () => {
  test('GIVEN a request WHEN formatted without colors THEN one line with time, route, status, latency, connection and error, and the handler output under it', () => {
    const lines = formatRequest(LINE, new Terminal(stream(false), {}));
    assert.match(lines[0], /^03:04:05 {2}sendMessage +502 +12ms {2}Abc123 {2}Error: boom$/);
    assert.deepEqual(lines.slice(1).map((l) => l.trim()), ['│ first', '│ second', '│ third']);
    assert.ok(!lines.join('').includes('\u001b'));
  });

  test('GIVEN several stages THEN the stage is named before the route', () => {
    assert.match(formatRequest(LINE, new Terminal(stream(false), {}), true)[0], / dev sendMessage /);
  });

  test('colors only on a terminal, and never with NO_COLOR', () => {
    assert.equal(new Terminal(stream(true), {}).paint('x', 'red'), '\u001b[31mx\u001b[39m');
    assert.equal(new Terminal(stream(true), { NO_COLOR: '1' }).paint('x', 'red'), 'x');
    assert.equal(new Terminal(stream(false), {}).paint('x', 'red'), 'x');
  });

  test('GIVEN a progress line on a terminal WHEN a line is written THEN the progress line is cleared first', () => {
    const out = stream(true);
    const terminal = new Terminal(out, {});
    terminal.progress('building…');
    terminal.line('done');
    assert.equal(out.text, '\r\u001b[2Kbuilding…\r\u001b[2Kdone\n');
  });
});
