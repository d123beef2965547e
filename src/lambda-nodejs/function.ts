/**
 * A Node.js Lambda function whose code is a TypeScript or JavaScript entry file bundled with
 * esbuild when the construct is created.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Construct } from 'constructs';
import { Annotations, ValidationError, type CfnResource } from '../core/index.js';
import { Architecture, Function, Runtime, RuntimeFamily, type Code, type FunctionOptions } from '../lambda/index.js';
import type { BundlingOptions } from './types.js';
import { Bundling } from './private/bundling.js';
import { LockFile, findDefiningFile, findUpMultiple, isSdkV2Runtime } from './private/util.js';

/** The context key that makes NodejsFunction record its entry file in the function's Metadata. */
export const RECORD_ENTRY_CONTEXT = 'wsgate:recordEntry';
/** The Metadata key under which the entry file is recorded. */
export const ENTRY_METADATA_KEY = 'wsgate:entry';
/** The context key of the feature flag that makes NODEJS_LATEST the default runtime. */
const USE_LATEST_RUNTIME_FLAG = '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion';

/** Properties of a NodejsFunction. */
export interface NodejsFunctionProps extends FunctionOptions {
  /**
   * The entry file (.js, .jsx, .ts, .tsx, .cjs, .cts, .mjs or .mts).
   * @default - `<defining file>.<id>.ts` (or .js, .mjs, .mts, .cts, .cjs) next to the file that creates the function
   */
  readonly entry?: string;
  /** The exported function, or `file.export` when `code` is given. @default 'handler' */
  readonly handler?: string;
  /**
   * The runtime.
   * @default - Runtime.NODEJS_16_X (Runtime.NODEJS_LATEST with the `@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion` flag)
   */
  readonly runtime?: Runtime;
  /**
   * Sets `AWS_NODEJS_CONNECTION_REUSE_ENABLED=1` (only meaningful for SDK v2 runtimes).
   * @default - true for Node.js 16 and older, else not set
   */
  readonly awsSdkConnectionReuse?: boolean;
  /** The lock file of the project. @default - the one found at or above the working directory */
  readonly depsLockFilePath?: string;
  /** How the entry is bundled. @default - esbuild's defaults for the runtime */
  readonly bundling?: BundlingOptions;
  /** The directory the build runs in. @default - the directory of the lock file */
  readonly projectRoot?: string;
  /** Code to use instead of bundling `entry` (requires `handler` as `file.export`). @default - the bundled entry */
  readonly code?: Code;
}

/**
 * A Node.js function bundled with esbuild. With the context `wsgate:recordEntry` set to true, the
 * absolute path of the entry is recorded in the function resource's Metadata as `wsgate:entry`,
 * so a local gateway can run the source directly.
 * @resource AWS::Lambda::Function
 */
export class NodejsFunction extends Function {
  constructor(scope: Construct, id: string, props: NodejsFunctionProps = {}) {
    if (props.runtime && props.runtime.family !== RuntimeFamily.NODEJS) {
      throw new ValidationError('OnlyRuntimesSupported', 'Only `NODEJS` runtimes are supported.', scope);
    }
    const latest = scope.node.tryGetContext(USE_LATEST_RUNTIME_FLAG) as unknown;
    const runtime = props.runtime ?? (latest === true || latest === 'true' ? Runtime.NODEJS_LATEST : Runtime.NODEJS_16_X);

    let entry: string | undefined;
    if (props.code !== undefined) {
      if (props.handler === undefined) {
        throw new ValidationError('HandlerRequiredWhenCodeSpecified',
          'Cannot determine handler when `code` property is specified. Use `handler` property to specify a handler.\n'
          + 'The handler should be the name of the exported function to be invoked and the file containing that function.\n'
          + 'For example, handler should be specified in the form `myFile.myFunction`', scope);
      }
      super(scope, id, { ...props, runtime, code: props.code, handler: props.handler });
    } else {
      entry = path.resolve(findEntry(scope, id, props.entry));
      const depsLockFilePath = findLockFile(scope, props.depsLockFilePath);
      const projectRoot = path.resolve(props.projectRoot ?? path.dirname(depsLockFilePath));
      const handler = props.handler ?? 'handler';
      super(scope, id, {
        ...props,
        runtime,
        code: Bundling.bundle(scope, {
          ...props.bundling ?? {},
          entry,
          runtime,
          architecture: props.architecture ?? Architecture.X86_64,
          depsLockFilePath,
          projectRoot,
        }),
        handler: handler.indexOf('.') !== -1 ? `${handler}` : `index.${handler}`,
      });
    }

    if (isSdkV2Runtime(runtime)) {
      if (props.awsSdkConnectionReuse ?? true) this.addEnvironment('AWS_NODEJS_CONNECTION_REUSE_ENABLED', '1', { removeInEdge: true });
    } else if (props.awsSdkConnectionReuse) {
      Annotations.of(scope).addWarningV2('aws-cdk-lib/aws-lambda-nodejs:unusedSdkEvironmentVariable',
        'The AWS_NODEJS_CONNECTION_REUSE_ENABLED environment variable does not exist in SDK v3. You have explicitly set `awsSdkConnectionReuse`; please make sure this is intentional.');
      this.addEnvironment('AWS_NODEJS_CONNECTION_REUSE_ENABLED', '1', { removeInEdge: true });
    }

    const record = this.node.tryGetContext(RECORD_ENTRY_CONTEXT) as unknown;
    if (entry !== undefined && (record === true || record === 'true')) {
      (this.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA_KEY, entry);
    }
  }
}

function findLockFile(scope: Construct, depsLockFilePath?: string): string {
  if (depsLockFilePath) {
    if (!fs.existsSync(depsLockFilePath)) throw new ValidationError('LockFileDoesnTExist', `Lock file at ${depsLockFilePath} doesn't exist`, scope);
    if (!fs.statSync(depsLockFilePath).isFile()) throw new ValidationError('ShouldPointFile', '`depsLockFilePath` should point to a file', scope);
    return path.resolve(depsLockFilePath);
  }
  const lockFiles = findUpMultiple([LockFile.PNPM, LockFile.YARN, LockFile.BUN_LOCK, LockFile.BUN, LockFile.NPM]);
  if (lockFiles.length === 0) {
    throw new ValidationError('CannotFindPackageLockFile',
      'Cannot find a package lock file (`pnpm-lock.yaml`, `yarn.lock`, `bun.lockb`, `bun.lock` or `package-lock.json`). Please specify it with `depsLockFilePath`.', scope);
  }
  if (lockFiles.length > 1) {
    throw new ValidationError('MultipleLockFilesFound', `Multiple package lock files found: ${lockFiles.join(', ')}. Please specify the desired one with \`depsLockFilePath\`.`, scope);
  }
  return lockFiles[0];
}

function findEntry(scope: Construct, id: string, entry?: string): string {
  if (entry) {
    if (!/\.(jsx?|tsx?|cjs|cts|mjs|mts)$/.test(entry)) {
      throw new ValidationError('OnlyJavaScriptTypeScriptEntrySupported', 'Only JavaScript or TypeScript entry files are supported.', scope);
    }
    if (!fs.existsSync(entry)) throw new ValidationError('CannotFindEntryFile', `Cannot find entry file at ${entry}`, scope);
    return entry;
  }
  const definingFile = findDefiningFile('NodejsFunction');
  if (!definingFile) throw new ValidationError('CannotFindDefiningFile', 'Cannot find defining file.', scope);
  const extname = path.extname(definingFile);
  const candidates = ['ts', 'js', 'mjs', 'mts', 'cts', 'cjs'].map((ext) => definingFile.replace(new RegExp(`${escapeRegex(extname)}$`), `.${id}.${ext}`));
  const found = candidates.find((file) => fs.existsSync(file));
  if (found) return found;
  throw new ValidationError('CannotFindHandlerFile', `Cannot find handler file ${candidates.slice(0, 5).join(', ')} or ${candidates[5]}`, scope);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
