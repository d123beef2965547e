/**
 * What the dev command prints about the running gateway: the banner once it serves (each stage's
 * ws:// and wss:// URL, its @connections endpoint, the metrics URL), and one line per reload
 * saying what changed.
 */
import { relative } from 'node:path';
import type { Gateway, GatewayEndpoint, ReloadSummary } from '../../gateway/gateway.js';
import type { Terminal } from './terminal.js';

/** The lines describing the stages, for the banner and for stages a reload added. */
export function stageLines(endpoints: readonly GatewayEndpoint[], terminal: Terminal): string[] {
  const lines: string[] = [];
  for (const e of endpoints) {
    lines.push(`  ${terminal.paint(e.apiName, 'bold')} ${terminal.paint(`(${e.apiId})`, 'dim')}  stage ${terminal.paint(e.stage, 'bold')}`);
    lines.push(`    ws            ${terminal.paint(e.url, 'cyan')}`);
    if (e.secureUrl) lines.push(`    wss           ${terminal.paint(e.secureUrl, 'cyan')}`);
    lines.push(`    @connections  ${e.managementUrl}/@connections/{connectionId}`);
  }
  return lines;
}

/** Facts about the session shown under the stages. */
export interface BannerFacts {
  readonly app: string;
  readonly mode: 'isolated' | 'in-process';
  readonly persist: boolean;
  readonly watchedFiles: number;
  /** How types are checked, or why they are not. */
  readonly typeChecking: string;
  readonly elapsedMs: number;
}

/** The banner printed when the gateway starts serving. */
export function bannerLines(gateway: Gateway, facts: BannerFacts, terminal: Terminal, cwd = process.cwd()): string[] {
  const lines = [
    `${terminal.paint('wsgate dev', 'bold', 'magenta')}  ${facts.app}  ${terminal.paint(`(${facts.mode} handlers, ready in ${seconds(facts.elapsedMs)})`, 'dim')}`,
    ...stageLines(gateway.endpoints(), terminal),
    `  metrics         ${gateway.url}/metrics`,
  ];
  if (gateway.caCertPath) lines.push(`  CA              ${shortPath(gateway.caCertPath, cwd)}`);
  for (const key of gateway.apiKeys().filter((k) => k.valueSource === 'generated')) {
    lines.push(`  api key         ${key.model.name}: ${key.value}`);
  }
  const tables = gateway.model.tables.size;
  if (tables > 0) lines.push(`  dynamodb        ${tables} table(s), ${facts.persist ? 'kept in the state directory' : 'in memory'}`);
  lines.push(terminal.paint(`  watching ${facts.watchedFiles} file(s); ${facts.typeChecking}`, 'dim'));
  lines.push(terminal.paint('  Edit the app or a handler: it reloads without dropping clients. Ctrl-C stops.', 'dim'));
  return lines;
}

/** The line saying what a reload changed. `handlers`: how to name each retired function. */
export function reloadLine(summary: ReloadSummary, name: (functionKey: string) => string, elapsedMs: number, terminal: Terminal): string {
  const parts: string[] = [];
  if (summary.retiredFunctions.length > 0) parts.push(`${plural(summary.retiredFunctions.length, 'handler')} ${summary.retiredFunctions.map(name).join(', ')}`);
  for (const r of summary.routesAdded) parts.push(`+route ${r}`);
  for (const r of summary.routesRemoved) parts.push(`-route ${r}`);
  for (const r of summary.routesChanged) parts.push(`~route ${r}`);
  for (const s of summary.stagesAdded) parts.push(`+stage ${s}`);
  for (const s of summary.stagesRemoved) parts.push(`-stage ${s}`);
  if (summary.closedConnections > 0) parts.push(`${plural(summary.closedConnections, 'client')} of removed stages closed (1001)`);
  if (summary.tablesRestarted) parts.push('tables recreated');
  const what = parts.length > 0 ? parts.join(', ') : 'no change to serve';
  const kept = summary.keptConnections > 0 ? terminal.paint(` · ${plural(summary.keptConnections, 'client')} kept`, 'dim') : '';
  const line = `${terminal.paint('✓ reloaded', 'green')} ${terminal.paint(`in ${seconds(elapsedMs)}`, 'dim')}: ${what}${kept}`;
  if (summary.rolesChanged.length === 0) return line;
  return `${line}\n${terminal.paint(`  IAM policies of ${summary.rolesChanged.join(', ')} changed; running handlers now have the new ones`, 'yellow')}`;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
