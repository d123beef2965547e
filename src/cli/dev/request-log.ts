/**
 * The dev command's request log: one compact line per request (time, route, status, latency,
 * connection), and the handler's console output under it, indented.
 *
 *   12:03:04  $connect       200    41ms  Vx3kQd
 *   12:03:05  sendMessage    200    12ms  Vx3kQd
 *             │ sending to 2 people
 */
import type { RequestLogLine } from '../../gateway/options.js';
import type { Style, Terminal } from './terminal.js';

/** The lines of one request. `withStage`: the stage is shown before the route (when several are served). */
export function formatRequest(r: RequestLogLine, terminal: Terminal, withStage = false): string[] {
  const time = new Date(r.time);
  const clock = [time.getHours(), time.getMinutes(), time.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const route = withStage ? `${r.stage} ${r.routeKey}` : r.routeKey;
  const status = terminal.paint(String(r.status), statusStyle(r.status));
  const latency = `${Math.round(r.latencyMs)}ms`.padStart(7);
  const parts = [terminal.paint(clock, 'dim'), route.padEnd(withStage ? 22 : 14), status, latency, terminal.paint(r.connectionId.slice(0, 6), 'gray')];
  if (r.error) parts.push(terminal.paint(r.error, 'red'));
  const lines = [parts.join('  ')];
  const indent = ' '.repeat(clock.length + 2);
  for (const text of r.handlerLogs ?? []) {
    for (const part of text.split('\n')) lines.push(`${indent}${terminal.paint('│', 'dim')} ${part}`);
  }
  return lines;
}

function statusStyle(status: number): Style {
  if (status < 300) return 'green';
  if (status < 500) return 'yellow';
  return 'red';
}
