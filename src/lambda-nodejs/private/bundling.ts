/**
 * esbuild bundling of a NodejsFunction's entry into a staged asset. The build is the one
 * aws-cdk-lib runs locally (`esbuild --bundle <entry> --target=node22 --platform=node
 * --outfile=<dir>/index.js --external:@aws-sdk/* ...` in the project root), done through esbuild's
 * JavaScript API, so the bundle and therefore its asset hash (an OUTPUT hash) are the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { buildSync, version as esbuildVersion } from 'esbuild';
import {
  Annotations, AssetHashType, DockerImage, ValidationError,
  type BundlingOptions as CoreBundlingOptions, type ILocalBundling,
} from '../../core/index.js';
import { Code, type Architecture, type AssetCode, type Runtime } from '../../lambda/index.js';
import { OutputFormat, SourceMapMode, type BundlingOptions } from '../types.js';
import { parseEsbuildFlags } from './esbuild-options.js';
import { LockFile, exec, execShell, extractDependencies, findUp, isEsmRuntime, isSdkV2Runtime, packageManagerFor, type PackageManager } from './util.js';

/** The context key of the feature flag that also leaves `@smithy/*` out of bundles. */
const SDK_V3_EXCLUDE_SMITHY_FLAG = '@aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages';

/** What bundling needs besides the user's options. */
export interface BundlingProps extends BundlingOptions {
  readonly entry: string;
  readonly runtime: Runtime;
  readonly architecture: Architecture;
  readonly depsLockFilePath: string;
  readonly projectRoot: string;
}

/** The bundling of one NodejsFunction; given to the asset as its bundling options. */
export class Bundling implements CoreBundlingOptions {
  /** The code of the function: the project root, bundled, hashed by its output. */
  public static bundle(scope: IConstruct, options: BundlingProps): AssetCode {
    return Code.fromAsset(options.projectRoot, {
      assetHash: options.assetHash,
      assetHashType: options.assetHash ? AssetHashType.CUSTOM : AssetHashType.OUTPUT,
      bundling: new Bundling(scope, options),
    });
  }

  /** Never used: wsgate does not bundle in Docker. */
  public readonly image = DockerImage.fromRegistry('dummy');
  public readonly local: ILocalBundling;
  public readonly environment?: { [key: string]: string };

  private readonly projectRoot: string;
  private readonly relativeEntryPath: string;
  private readonly relativeDepsLockFilePath: string;
  private readonly relativeTsconfigPath?: string;
  private readonly externals: string[];
  private readonly packageManager: PackageManager;

  constructor(scope: IConstruct, private readonly props: BundlingProps) {
    this.packageManager = packageManagerFor(props.depsLockFilePath, props.logLevel);
    this.projectRoot = props.projectRoot;
    this.relativeEntryPath = path.relative(this.projectRoot, path.resolve(props.entry));
    this.relativeDepsLockFilePath = path.relative(this.projectRoot, path.resolve(props.depsLockFilePath));
    if (pathEscapesRoot(this.relativeEntryPath)) {
      throw new ValidationError('PathNotUnderRoot', `entryPath (${props.entry}) should be under projectRoot (${this.projectRoot})`, scope);
    }
    if (pathEscapesRoot(this.relativeDepsLockFilePath)) {
      throw new ValidationError('PathNotUnderRoot', `depsLockFilePath (${props.depsLockFilePath}) should be under projectRoot (${this.projectRoot})`, scope);
    }
    if (props.tsconfig) this.relativeTsconfigPath = path.relative(this.projectRoot, path.resolve(props.tsconfig));
    if (props.preCompilation && !/\.tsx?$/.test(props.entry)) {
      throw new ValidationError('PreCompilationTypescriptFiles', 'preCompilation can only be used with typescript files', scope);
    }
    if (props.format === OutputFormat.ESM && !isEsmRuntime(props.runtime)) {
      throw new ValidationError('ScriptModuleOutputFormatSupported', `ECMAScript module output format is not supported by the ${props.runtime.name} runtime`, scope);
    }
    if (props.preCompilation || props.forceDockerBundling || props.dockerImage) {
      throw new ValidationError('DockerBundlingNotSupported',
        'wsgate bundles with esbuild on this machine: `preCompilation`, `forceDockerBundling` and `dockerImage` are not supported', scope);
    }

    this.externals = [...this.defaultOrGivenExternals(scope), ...props.nodeModules ?? []];
    this.environment = props.environment;
    this.local = { tryBundle: (outputDir) => this.tryBundle(scope, outputDir) };
  }

  /** The modules left out: the user's, or the SDK the runtime ships; warns about SDK mismatches. */
  private defaultOrGivenExternals(scope: IConstruct): string[] {
    const props = this.props;
    const smithy = scope.node.tryGetContext(SDK_V3_EXCLUDE_SMITHY_FLAG) as unknown;
    const sdkV3Externals = smithy === true || smithy === 'true' ? ['@aws-sdk/*', '@smithy/*'] : ['@aws-sdk/*'];
    const isV2Runtime = isSdkV2Runtime(props.runtime);
    const versioned = isV2Runtime ? ['aws-sdk'] : sdkV3Externals;
    const externals = props.externalModules ?? (props.runtime.isVariable || props.bundleAwsSDK ? [] : versioned);
    const annotations = Annotations.of(scope);
    if (externals.length && isV2Runtime) {
      annotations.addWarningV2('aws-cdk-lib/aws-lambda-nodejs:runtimeUpdateSdkV2Breakage',
        'Be aware that the NodeJS runtime of Node 16 will be deprecated by Lambda on June 12, 2024. Lambda runtimes Node 18 and higher include SDKv3 and not SDKv2. Updating your Lambda runtime will require bundling the SDK, or updating all SDK calls in your handler code to use SDKv3 (which is not a trivial update). Please account for this added complexity and update as soon as possible.');
    }
    if (isV2Runtime && externals.some((pkg) => pkg.startsWith('@aws-sdk/'))) {
      annotations.addWarningV2('@aws-cdk/aws-lambda-nodejs:sdkV3NotInRuntime',
        'If you are relying on AWS SDK v3 to be present in the Lambda environment already, please explicitly configure a NodeJS runtime of Node 18 or higher.');
    } else if (!isV2Runtime && externals.includes('aws-sdk')) {
      annotations.addWarningV2('@aws-cdk/aws-lambda-nodejs:sdkV2NotInRuntime',
        'If you are relying on AWS SDK v2 to be present in the Lambda environment already, please explicitly configure a NodeJS runtime of Node 16 or lower.');
    }
    if (externals.length && props.runtime.isVariable) {
      annotations.addWarningV2('@aws-cdk/aws-lambda-nodejs:variableRuntimeExternals',
        'When using NODEJS_LATEST the runtime version may change as new runtimes are released, this may affect the availability of packages shipped with the environment. Ensure that any external dependencies are available through layers or specify a specific runtime version.');
    }
    return externals;
  }

  /** The esbuild flags aws-cdk-lib would pass, in its order, then the user's extra flags. */
  private esbuildFlags(scope: IConstruct, outputDir: string): string[] {
    const p = this.props;
    if (p.sourceMap === false && p.sourceMapMode) {
      throw new ValidationError('SourceMapModeCannotSource', 'sourceMapMode cannot be used when sourceMap is false', scope);
    }
    const sourceMapEnabled = p.sourceMapMode ?? p.sourceMap;
    const sourceMapValue = (p.sourceMapMode ?? SourceMapMode.DEFAULT) === SourceMapMode.DEFAULT ? '' : `=${p.sourceMapMode}`;
    const sourcesContent = p.sourcesContent ?? true;
    const outFile = p.format === OutputFormat.ESM ? 'index.mjs' : 'index.js';
    return [
      `--target=${p.target ?? toTarget(scope, p.runtime)}`,
      '--platform=node',
      ...(p.format ? [`--format=${p.format}`] : []),
      `--outfile=${path.join(outputDir, outFile)}`,
      ...(p.minify ? ['--minify'] : []),
      ...(sourceMapEnabled ? [`--sourcemap${sourceMapValue}`] : []),
      ...(sourcesContent ? [] : [`--sources-content=${sourcesContent}`]),
      ...this.externals.map((external) => `--external:${external}`),
      ...Object.entries(p.loader ?? {}).map(([ext, name]) => `--loader:${ext}=${name}`),
      ...Object.entries(p.define ?? {}).map(([key, value]) => `--define:${key}=${value}`),
      ...(p.logLevel ? [`--log-level=${p.logLevel}`] : []),
      ...(p.keepNames ? ['--keep-names'] : []),
      ...(this.relativeTsconfigPath ? [`--tsconfig=${path.join(this.projectRoot, this.relativeTsconfigPath)}`] : []),
      ...(p.metafile ? [`--metafile=${path.join(outputDir, 'index.meta.json')}`] : []),
      ...(p.banner ? [`--banner:js=${p.banner}`] : []),
      ...(p.footer ? [`--footer:js=${p.footer}`] : []),
      ...(p.mainFields ? [`--main-fields=${p.mainFields.join(',')}`] : []),
      ...(p.inject ? p.inject.map((i) => `--inject:${i}`) : []),
      ...(p.esbuildArgs ? toCliArgs(p.esbuildArgs) : []),
    ];
  }

  private tryBundle(scope: IConstruct, outputDir: string): boolean {
    if (!esbuildVersion.startsWith('0.')) {
      throw new ValidationError('ExpectedEsbuildVersion', `Expected esbuild version 0.x but got ${esbuildVersion}`, scope);
    }
    const execOptions = {
      env: { ...process.env, ...this.props.environment ?? {} },
      stdio: ['ignore', process.stderr, 'inherit'] as ['ignore', NodeJS.WriteStream, 'inherit'],
      cwd: this.projectRoot,
    };
    const hooks = this.props.commandHooks;
    for (const command of hooks?.beforeBundling(this.projectRoot, outputDir) ?? []) execShell(command, execOptions);

    const { options, metafilePath } = parseEsbuildFlags(this.esbuildFlags(scope, outputDir));
    const result = buildSync({
      // The esbuild command-line tool reads NODE_PATH; the API needs it spelled out.
      ...(process.env.NODE_PATH ? { nodePaths: process.env.NODE_PATH.split(path.delimiter).filter(Boolean) } : {}),
      logLevel: 'warning',
      ...options,
      entryPoints: [path.join(this.projectRoot, this.relativeEntryPath)],
      bundle: true,
      absWorkingDir: this.projectRoot,
      write: true,
    });
    if (metafilePath && result.metafile) fs.writeFileSync(metafilePath, JSON.stringify(result.metafile, undefined, 2) + '\n');

    if (this.props.nodeModules) this.installNodeModules(scope, outputDir, execOptions);
    for (const command of hooks?.afterBundling(this.projectRoot, outputDir) ?? []) execShell(command, execOptions);
    return true;
  }

  /** Installs `nodeModules` into the output with the project's package manager and lock file. */
  private installNodeModules(scope: IConstruct, outputDir: string, execOptions: { env: NodeJS.ProcessEnv; cwd: string }): void {
    const pkgPath = findUp('package.json', path.dirname(this.props.entry));
    if (!pkgPath) {
      throw new ValidationError('CannotFindPackageJsonProject', 'Cannot find a `package.json` in this project. Using `nodeModules` requires a `package.json`.', scope);
    }
    for (const command of this.props.commandHooks?.beforeInstall(this.projectRoot, outputDir) ?? []) execShell(command, execOptions);
    const dependencies = extractDependencies(pkgPath, this.props.nodeModules ?? []);
    const lockFile = this.packageManager.lockFile;
    if (lockFile === LockFile.PNPM) fs.writeFileSync(path.join(outputDir, 'pnpm-workspace.yaml'), '');
    fs.writeFileSync(path.join(outputDir, 'package.json'), JSON.stringify({ dependencies }));
    fs.copyFileSync(path.join(this.projectRoot, this.relativeDepsLockFilePath), path.join(outputDir, lockFile));
    const [cmd, ...args] = this.packageManager.installCommand;
    exec(cmd, args, { ...execOptions, stdio: ['ignore', process.stderr, 'inherit'], cwd: outputDir });
    if (lockFile === LockFile.PNPM) fs.rmSync(path.join(outputDir, 'node_modules', '.modules.yaml'), { force: true });
    if (lockFile === LockFile.BUN || lockFile === LockFile.BUN_LOCK) fs.rmSync(path.join(outputDir, 'node_modules', '.cache'), { recursive: true, force: true });
  }
}

function pathEscapesRoot(relativePath: string): boolean {
  return path.isAbsolute(relativePath) || relativePath === '..' || relativePath.startsWith(`..${path.sep}`);
}

/** `nodejs22.x` → `node22`. */
function toTarget(scope: IConstruct, runtime: Runtime): string {
  const match = /nodejs(\d+)/.exec(runtime.name);
  if (!match) {
    throw new ValidationError('CannotExtractVersionRuntime', 'Cannot extract version from runtime.', scope);
  }
  return `node${match[1]}`;
}

/** `esbuildArgs` as flags: lists repeat the key, `true` or `''` is a bare flag, `false` is dropped. */
function toCliArgs(esbuildArgs: { [key: string]: string | boolean | string[] }): string[] {
  const args: string[] = [];
  const colonKeys = ['--alias', '--drop', '--pure', '--log-override', '--out-extension'];
  for (const [key, value] of Object.entries(esbuildArgs)) {
    if (Array.isArray(value)) args.push(...value.map((item) => `${key}:${item}`));
    else if (value === true || value === '') args.push(key);
    else if (colonKeys.includes(key)) args.push(`${key}:${value}`);
    else if (value) args.push(`${key}=${value}`);
  }
  return args;
}
