// Runs one small program against aws-cdk-lib and against wsgate, so a test can assert that both
// synthesize the same template. The program is written once, against aws-cdk-lib's types; wsgate's
// modules are passed in their place (they have the same API).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as cdkIam from 'aws-cdk-lib/aws-iam';
import * as cdkLambda from 'aws-cdk-lib/aws-lambda';
import * as cdkNodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as core from '../../src/core/index.js';
import * as iam from '../../src/iam/index.js';
import * as lambda from '../../src/lambda/index.js';
import * as nodejs from '../../src/lambda-nodejs/index.js';

/** The modules a program is given. */
export interface Libs {
  readonly cdk: typeof cdk;
  readonly iam: typeof cdkIam;
  readonly lambda: typeof cdkLambda;
  readonly nodejs: typeof cdkNodejs;
}

/** A program: adds constructs to `stack`. */
export type Program = (libs: Libs, stack: cdk.Stack) => void;

/** A fresh directory for a cloud assembly. */
export function freshOutdir(): string {
  return mkdtempSync(join(tmpdir(), 'wsgate-'));
}

/** The template of stack `TestStack` after running `program` with the given modules. */
export function synthWith(libs: Libs, program: Program, context?: Record<string, unknown>): Record<string, unknown> {
  // aws-cdk-lib's built-in CloudFormation validation only prints findings and takes seconds: off.
  const app = new libs.cdk.App({ outdir: freshOutdir(), context, builtinCloudFormationValidation: false });
  const stack = new libs.cdk.Stack(app, 'TestStack');
  program(libs, stack);
  return app.synth().getStackArtifact('TestStack').template as Record<string, unknown>;
}

export const CDK_LIBS: Libs = { cdk, iam: cdkIam, lambda: cdkLambda, nodejs: cdkNodejs };
export const WSGATE_LIBS = { cdk: core, iam, lambda, nodejs } as unknown as Libs;

/** The templates of the same program from aws-cdk-lib and from wsgate. */
export function synthBoth(program: Program, context?: Record<string, unknown>): { expected: Record<string, unknown>; actual: Record<string, unknown> } {
  return { expected: synthWith(CDK_LIBS, program, context), actual: synthWith(WSGATE_LIBS, program, context) };
}
