/** Helpers for the CloudWatch and Logs tests: fresh apps and their templates. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type Environment } from '../../src/core/index.js';

/** The parts of a template the tests look at. */
export interface Template {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  readonly Outputs?: Record<string, { Value: unknown }>;
  readonly [section: string]: unknown;
}

/** A wsgate app writing to a fresh temporary directory, with one stack `TestStack`. */
export function newStack(env?: Environment): { app: App; stack: Stack } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-')) });
  const stack = new Stack(app, 'TestStack', { env });
  return { app, stack };
}

/** The synthesized template of `TestStack`. */
export function templateOf(app: App): Template {
  return app.synth().getStackArtifact('TestStack').template as Template;
}

/** The properties of the only resource of `type`. */
export function onlyResource(template: Template, type: string): Record<string, unknown> {
  const found = Object.values(template.Resources ?? {}).filter((r) => r.Type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0].Properties ?? {};
}
