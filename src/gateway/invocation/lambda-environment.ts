/**
 * The environment of a function instance: the function's own variables plus the ones Lambda
 * reserves (region, function name, memory, log group and stream, handler, task root, TZ...).
 */
import { randomBytes } from 'node:crypto';
import { delimiter, join } from 'node:path';
import type { FunctionModel } from '../../model/gateway-model.js';

/** Lambda's version of an unpublished function. */
export const FUNCTION_VERSION = '$LATEST';

/** Host variables an instance keeps, so programs, temporary files and tsx work as on the host. */
const HOST_VARIABLES = ['PATH', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot', 'SYSTEMROOT', 'windir', 'ComSpec', 'PATHEXT', 'TSX_TSCONFIG_PATH'];

/** The region of a function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function regionOf(functionArn: string, fallback = 'us-east-1'): string {
  const parts = functionArn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[3] !== '' ? parts[3] : fallback;
}

/** A log stream name of Lambda's shape: `2024/01/20/[$LATEST]<32 hex digits>`. */
export function newLogStreamName(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getUTCFullYear()}/${two(now.getUTCMonth() + 1)}/${two(now.getUTCDate())}`;
  return `${day}/[${FUNCTION_VERSION}]${randomBytes(16).toString('hex')}`;
}

/** The log group Lambda writes a function's logs to. */
export function logGroupOf(fn: FunctionModel): string {
  return `/aws/lambda/${fn.functionName}`;
}

/**
 * V8's old-space limit for an instance: Lambda's Node.js runtime gives the heap about 90% of the
 * function's memory; a floor keeps small functions that compile TypeScript on start alive.
 */
export function heapLimitMb(memorySizeMb: number): number {
  return Math.max(256, Math.floor(memorySizeMb * 0.9));
}

/** What varies per instance of a function. */
export interface InstanceEnvironmentInput {
  readonly fn: FunctionModel;
  /** The directory the code runs from (LAMBDA_TASK_ROOT and the first NODE_PATH entry). */
  readonly taskRoot: string;
  /** The directory of the runtime (LAMBDA_RUNTIME_DIR). */
  readonly runtimeDir: string;
  readonly logStreamName: string;
  /** Directory whose `node_modules` inline code may require packages from (the project). */
  readonly projectDir: string;
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** The host's environment, for the few host variables an instance keeps. */
  readonly hostEnv: NodeJS.ProcessEnv;
}

/**
 * The complete environment of an instance. As on Lambda, the function's variables may override
 * the unreserved defaults (PATH, LANG, TZ, NODE_PATH) but not the reserved ones, which
 * CloudFormation refuses anyway; `extraEnv` comes last and wins.
 */
export function instanceEnvironment(input: InstanceEnvironmentInput): Record<string, string> {
  const { fn, hostEnv } = input;
  const region = regionOf(fn.functionArn);
  const env: Record<string, string> = {};
  for (const name of HOST_VARIABLES) {
    const value = hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  env.LANG = 'en_US.UTF-8';
  env.TZ = ':UTC';
  env.NODE_PATH = [input.taskRoot, join(input.projectDir, 'node_modules')].join(delimiter);
  Object.assign(env, fn.environment);
  Object.assign(env, {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: FUNCTION_VERSION,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupOf(fn),
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: input.taskRoot,
    LAMBDA_RUNTIME_DIR: input.runtimeDir,
    _HANDLER: fn.handler,
  });
  if (input.extraEnv) Object.assign(env, input.extraEnv);
  return env;
}

/** True when two sets of extra variables are the same. */
export function sameVariables(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const aKeys = Object.keys(a ?? {});
  return aKeys.length === Object.keys(b ?? {}).length && aKeys.every((key) => a?.[key] === b?.[key]);
}
