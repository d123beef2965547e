/**
 * Runs one small program against both wsgate and aws-cdk-lib and returns both templates,
 * normalised (no bootstrap parameter and rule), so a test can assert they are equal.
 *
 * A program is written against wsgate's types; in the second run it gets aws-cdk-lib's modules
 * in their place, so it must only use what both libraries have.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as cdkApigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cdkApigateway from 'aws-cdk-lib/aws-apigateway';
import * as core from '../../../src/core/index.js';
import * as l1 from '../../../src/apigatewayv2/cfn/index.js';
import * as l1v1 from '../../../src/apigatewayv2/cfn-v1/index.js';
import { normalizeTemplate, type Json } from '../../parity/normalize.js';

/** A program: adds constructs to `stack`, using the modules in `libs`. */
export type Program<L> = (libs: L & { readonly core: typeof core }, stack: core.Stack) => void;

function outdir(): string {
  return mkdtempSync(join(tmpdir(), 'wsgate-'));
}

/**
 * The normalised templates of `program`, synthesized once with wsgate's modules `ours` and once
 * with aws-cdk-lib's modules `theirs` (the same keys), each in a fresh app with stack `TestStack`.
 */
export function synthWith<L extends object>(ours: L, theirs: Record<keyof L, unknown>, program: Program<L>): { wsgate: Json; cdk: Json } {
  const wsApp = new core.App({ outdir: outdir() });
  const wsStack = new core.Stack(wsApp, 'TestStack');
  program({ ...ours, core }, wsStack);
  const wsgate = normalizeTemplate(wsApp.synth().getStackArtifact('TestStack').template as Json);

  const cdkApp = new cdk.App({ outdir: outdir() });
  const cdkStack = new cdk.Stack(cdkApp, 'TestStack');
  program({ ...(theirs as unknown as L), core: cdk as unknown as typeof core }, cdkStack as unknown as core.Stack);
  const cdkTemplate = normalizeTemplate(cdkApp.synth().getStackArtifact('TestStack').template as Json);
  return { wsgate, cdk: cdkTemplate };
}

/** The L1 modules a program gets from {@link synthBoth}. */
export interface L1Libraries {
  /** `AWS::ApiGatewayV2::*` L1s (aws-cdk-lib: `aws-apigatewayv2`). */
  readonly v2: typeof l1;
  /** `AWS::ApiGateway::*` L1s (aws-cdk-lib: `aws-apigateway`). */
  readonly v1: typeof l1v1;
}

/** Both templates of an L1 program. */
export function synthBoth(program: Program<L1Libraries>): { wsgate: Json; cdk: Json } {
  return synthWith<L1Libraries>({ v2: l1, v1: l1v1 }, { v2: cdkApigatewayv2, v1: cdkApigateway }, program);
}
