/** Test helpers: a fresh app writing into a temporary directory, and its synthesized templates. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type StackProps } from '../../src/core/index.js';

/** A new App whose cloud assembly goes to a fresh temporary directory. */
export function newApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-test-')) });
}

/** A new App with one stack named `TestStack`. */
export function newStack(props: StackProps = {}): { app: App; stack: Stack } {
  const app = newApp();
  return { app, stack: new Stack(app, 'TestStack', props) };
}

/** The synthesized template of `stack`. */
export function templateOf(stack: Stack): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- templates are free-form JSON read by tests
  const app = stack.node.root as App;
  return app.synth({ force: true }).getStackArtifact(stack.artifactId).template;
}

/** The resources of a template of the given type, by logical ID. */
export function resourcesOfType(template: Record<string, unknown>, type: string): Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }> {
  const resources = (template.Resources ?? {}) as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  return Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type === type));
}
