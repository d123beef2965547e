/** Function models and small utilities shared by the invocation tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionCode, FunctionModel } from '../../../src/model/gateway-model.js';
import type { InvokeResult } from '../../../src/gateway/invocation/invoker.js';

/** The fixtures directory. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

let counter = 0;

/** A function model with Lambda's defaults; `code` and anything else can be overridden. */
export function functionModel(code: FunctionCode, overrides: Partial<FunctionModel> = {}): FunctionModel {
  const logicalId = `Fn${++counter}`;
  return {
    key: `TestStack/${logicalId}`,
    logicalId,
    functionName: `TestStack-${logicalId}-ABC123`,
    functionArn: `arn:aws:lambda:eu-west-1:111122223333:function:TestStack-${logicalId}-ABC123`,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    code,
    environment: {},
    timeoutSeconds: 3,
    memorySizeMb: 128,
    ...overrides,
  };
}

/** A function whose code is `Code.fromInline(source)` (index.js, CommonJS). */
export function inlineFunction(source: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  return functionModel({ kind: 'inline', source }, overrides);
}

/** A fresh temporary work directory. */
export function freshWorkDir(): string {
  return mkdtempSync(join(tmpdir(), 'wsgate-invocation-test-'));
}

/** The value of a successful result; fails the test with the error otherwise. */
export function valueOf(result: InvokeResult): unknown {
  if (!result.ok) throw new Error(`invocation failed: ${result.failure} ${result.errorType}: ${result.errorMessage}`);
  return result.value;
}

/** The log texts of a result. */
export function texts(result: InvokeResult): string[] {
  return result.logs.map((line) => line.text);
}

/** True when a process with this id exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
