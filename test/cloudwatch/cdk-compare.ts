/**
 * The same program synthesized with wsgate and with aws-cdk-lib, for template comparisons. Kept
 * apart from support.ts so that tests which do not compare never load aws-cdk-lib.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as cdkCloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cdkLogs from 'aws-cdk-lib/aws-logs';
import * as cdkIam from 'aws-cdk-lib/aws-iam';
import * as core from '../../src/core/index.js';
import * as cloudwatch from '../../src/cloudwatch/index.js';
import * as logs from '../../src/logs/index.js';
import * as iam from '../../src/iam/index.js';
import type { Environment, Stack } from '../../src/core/index.js';
import { newStack, templateOf, type Template } from './support.js';

/** The template aws-cdk-lib synthesizes for the same program, written against its own classes. */
export function cdkTemplate(build: (stack: cdk.Stack) => void, env?: cdk.Environment): Template {
  // aws-cdk-lib's own schema validation of the template is slow and beside the point here.
  const app = new cdk.App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-cdk-')), builtinCloudFormationValidation: false });
  const stack = new cdk.Stack(app, 'TestStack', { env });
  build(stack);
  return app.synth().getStackArtifact('TestStack').template as Template;
}

/** The modules a program is written against: wsgate's, or aws-cdk-lib's seen through wsgate's types. */
export interface Libraries {
  readonly core: typeof core;
  readonly cloudwatch: typeof cloudwatch;
  readonly logs: typeof logs;
  readonly iam: typeof iam;
}

/**
 * The templates of one program written once against the shared API: synthesized with wsgate and
 * with aws-cdk-lib (whose classes are used through wsgate's types, which is the point: same API).
 */
export function bothTemplates(program: (lib: Libraries, stack: Stack) => void, env?: Environment): { ours: Template; theirs: Template } {
  const { app, stack } = newStack(env);
  program({ core, cloudwatch, logs, iam }, stack);
  const ours = templateOf(app);
  const cdkLibs = { core: cdk, cloudwatch: cdkCloudwatch, logs: cdkLogs, iam: cdkIam } as unknown as Libraries;
  const theirs = cdkTemplate((cdkStack) => program(cdkLibs, cdkStack as unknown as Stack), env);
  return { ours, theirs };
}
