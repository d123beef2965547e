/**
 * One program written once against the shared API, synthesized with wsgate and with aws-cdk-lib
 * (whose classes are used through wsgate's types: the point is that the API is the same).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as cdkCloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cdkDynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as cdkIam from 'aws-cdk-lib/aws-iam';
import * as cdkLambda from 'aws-cdk-lib/aws-lambda';
import * as cloudwatch from '../../src/cloudwatch/index.js';
import * as core from '../../src/core/index.js';
import * as dynamodb from '../../src/dynamodb/index.js';
import * as iam from '../../src/iam/index.js';
import * as lambda from '../../src/lambda/index.js';
import type { Environment, Stack } from '../../src/core/index.js';
import { newStack, templateOf, type Template } from '../cloudwatch/support.js';

/** The modules a program is written against. */
export interface Libraries {
  readonly cloudwatch: typeof cloudwatch;
  readonly core: typeof core;
  readonly dynamodb: typeof dynamodb;
  readonly iam: typeof iam;
  readonly lambda: typeof lambda;
}

/** The template aws-cdk-lib synthesizes for a program written against its own classes. */
export function cdkTemplate(build: (stack: cdk.Stack) => void, env?: cdk.Environment): Template {
  // aws-cdk-lib's own schema validation of the template is slow and beside the point here.
  const app = new cdk.App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-cdk-')), builtinCloudFormationValidation: false });
  const stack = new cdk.Stack(app, 'TestStack', { env });
  build(stack);
  return app.synth().getStackArtifact('TestStack').template as Template;
}

/** The templates of `program` from wsgate (`ours`) and from aws-cdk-lib (`theirs`). */
export function bothTemplates(program: (lib: Libraries, stack: Stack) => void, env?: Environment): { ours: Template; theirs: Template } {
  const { app, stack } = newStack(env);
  program({ cloudwatch, core, dynamodb, iam, lambda }, stack);
  const ours = templateOf(app);
  const cdkLibs = { cloudwatch: cdkCloudwatch, core: cdk, dynamodb: cdkDynamodb, iam: cdkIam, lambda: cdkLambda } as unknown as Libraries;
  const theirs = cdkTemplate((cdkStack) => program(cdkLibs, cdkStack as unknown as Stack), env);
  return { ours, theirs };
}
