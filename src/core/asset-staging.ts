/**
 * Asset staging: copying (or bundling) a file or directory into the cloud assembly as
 * `asset.<hash>` and computing the hash that names it, exactly as aws-cdk-lib does, so the same
 * source gets the same S3 key in both libraries.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { App } from './app.js';
import { Stack } from './stack.js';
import { FileAssetPackaging } from './stack-synthesizer.js';
import { ValidationError } from './errors.js';
import { Names } from './names.js';
import { copyDirectory, validateInternalSymlinks } from './private/asset-fs.js';
import { fingerprint, ignoreStrategyFor } from './private/fingerprint.js';
import { globMatches } from './private/asset-glob.js';
import { ARCHIVE_EXTENSIONS, calculateCacheKey, determineBundledAsset, getExtension, renderAssetFilename } from './private/asset-output.js';

/** How symbolic links in an asset are treated. */
export enum SymlinkFollowMode {
  /** Links are kept as links. */
  NEVER = 'never',
  /** Every link is followed. */
  ALWAYS = 'always',
  /** Links to outside the asset are followed; links within it are kept. */
  EXTERNAL = 'external',
  /** Links within the asset are followed; links to outside it are an error. */
  BLOCK_EXTERNAL = 'internal-only',
}

/** How `exclude` patterns are read. wsgate supports GLOB only. */
export enum IgnoreMode {
  GLOB = 'glob',
  GIT = 'git',
  DOCKER = 'docker',
}

/** How an asset's hash is computed. */
export enum AssetHashType {
  /** From the source files. */
  SOURCE = 'source',
  /** From the bundling output. */
  OUTPUT = 'output',
  /** Given by the user (`assetHash`). */
  CUSTOM = 'custom',
}

/** What bundling produces. */
export enum BundlingOutput {
  /** A single archive file, uploaded as it is. */
  ARCHIVED = 'archived',
  /** A directory, zipped for upload. */
  NOT_ARCHIVED = 'not-archived',
  /** ARCHIVED when the output is a single archive file, else NOT_ARCHIVED. */
  AUTO_DISCOVER = 'auto-discover',
  /** A single file, uploaded as it is. */
  SINGLE_FILE = 'single-file',
}

/** Options for copying files. */
export interface CopyOptions {
  /** Glob patterns of files to leave out. @default - nothing is excluded */
  readonly exclude?: string[];
  /** How `exclude` is read. @default IgnoreMode.GLOB */
  readonly ignoreMode?: IgnoreMode;
  /** How symbolic links are treated. @default SymlinkFollowMode.NEVER */
  readonly follow?: SymlinkFollowMode;
}

/** Options of a fingerprint. */
export interface FingerprintOptions extends CopyOptions {
  /** Extra data mixed into the hash. @default - none */
  readonly extraHash?: string;
}

/** A Docker image, as named in bundling options. wsgate never runs Docker. */
export class DockerImage {
  /** An image from a registry. */
  public static fromRegistry(image: string): DockerImage {
    return new DockerImage(image);
  }

  /** @param image the image name */
  constructor(public readonly image: string, private readonly _imageHash?: string) {}

  /** The image name, for hashing. */
  public toJSON(): string {
    return this._imageHash ?? this.image;
  }
}

/** Bundling that runs on this machine instead of in Docker. */
export interface ILocalBundling {
  /** Writes the bundle into `outputDir`; returns false if it cannot bundle here. */
  tryBundle(outputDir: string, options: BundlingOptions): boolean;
}

/** How an asset is bundled. Only local bundling is supported by wsgate. */
export interface BundlingOptions {
  /** The Docker image for bundling (unused by wsgate, which bundles locally). */
  readonly image: DockerImage;
  /** Local bundling, tried first. @default - none */
  readonly local?: ILocalBundling;
  /** The command the image runs. @default - the image's */
  readonly command?: string[];
  /** Environment variables for bundling. @default - none */
  readonly environment?: { [key: string]: string };
  /** @default - the image's */
  readonly workingDirectory?: string;
  /** What bundling produces. @default BundlingOutput.AUTO_DISCOVER */
  readonly outputType?: BundlingOutput;
}

/** Options of an asset. */
export interface AssetOptions {
  /** The hash, when it is given rather than computed. @default - computed */
  readonly assetHash?: string;
  /** How the hash is computed. @default - CUSTOM with `assetHash`, else SOURCE */
  readonly assetHashType?: AssetHashType;
  /** How the asset is bundled. @default - copied as it is */
  readonly bundling?: BundlingOptions;
}

/** Properties of an AssetStaging. */
export interface AssetStagingProps extends FingerprintOptions, AssetOptions {
  /** The file or directory to stage. */
  readonly sourcePath: string;
}

interface StagedAsset {
  readonly assetHash: string;
  readonly stagedPath: string;
  readonly packaging: FileAssetPackaging;
  readonly isArchive: boolean;
}

const ASSET_SALT_CONTEXT_KEY = '@aws-cdk/core:assetHashSalt';
const DISABLE_ASSET_STAGING_CONTEXT = 'aws:cdk:disable-asset-staging';
const BUNDLING_STACKS_CONTEXT = 'aws:cdk:bundling-stacks';

/**
 * Stages a file or directory into the cloud assembly (`asset.<hash>`), bundling it first if
 * asked to. Assets with the same source and options are staged once per process.
 */
export class AssetStaging extends Construct {
  /** Where Docker bundling would read the source. */
  public static readonly BUNDLING_INPUT_DIR = '/asset-input';
  /** Where Docker bundling would write its output. */
  public static readonly BUNDLING_OUTPUT_DIR = '/asset-output';

  /** Forgets the assets staged so far in this process. */
  public static clearAssetHashCache(): void {
    AssetStaging.assetCache.clear();
  }

  private static readonly assetCache = new Map<string, StagedAsset>();

  /** The absolute path of the staged asset (the source itself if staging is disabled). */
  public readonly absoluteStagedPath: string;
  /** The absolute path of the source. */
  public readonly sourcePath: string;
  /** The hash that names the asset. */
  public readonly assetHash: string;
  public readonly packaging: FileAssetPackaging;
  /** Whether the asset is uploaded as an archive (a directory or an archive file). */
  public readonly isArchive: boolean;

  private readonly fingerprintOptions: FingerprintOptions;
  private readonly hashType: AssetHashType;
  private readonly assetOutdir: string;
  private customSourceFingerprint?: string;
  private readonly cacheKey: string;
  private readonly sourceStats: fs.Stats;

  constructor(scope: Construct, id: string, props: AssetStagingProps) {
    super(scope, id);
    const salt = this.node.tryGetContext(ASSET_SALT_CONTEXT_KEY) as string | undefined;
    this.sourcePath = path.resolve(props.sourcePath);
    this.fingerprintOptions = {
      ...props,
      exclude: ['.is_custom_resource', ...props.exclude ?? []],
      extraHash: props.extraHash || salt ? `${props.extraHash ?? ''}${salt ?? ''}` : undefined,
    };
    if (!fs.existsSync(this.sourcePath)) {
      throw new ValidationError('CannotFindAsset', `Cannot find asset at ${this.sourcePath}`, this);
    }
    this.sourceStats = fs.statSync(this.sourcePath);
    if (props.follow === SymlinkFollowMode.BLOCK_EXTERNAL && this.sourceStats.isDirectory()) {
      const strategy = ignoreStrategyFor(props.ignoreMode ?? IgnoreMode.GLOB, this.sourcePath, props.exclude ?? []);
      validateInternalSymlinks(this.sourcePath, props.follow, strategy, (target) => { throw externalSymlinkError(this, target, props.follow); });
    }

    const outdir = assemblyDirOf(this);
    if (!outdir) {
      throw new ValidationError('UnableToDetermineCloudAssembly',
        'unable to determine cloud assembly asset output directory. Assets must be defined indirectly within a "Stage" or an "App" scope', this);
    }
    this.assetOutdir = outdir;
    this.customSourceFingerprint = props.assetHash;
    this.hashType = determineHashType(this, props.assetHashType, this.customSourceFingerprint);

    let stage: () => StagedAsset;
    let skip = false;
    if (props.bundling) {
      skip = !bundlingRequired(Stack.of(this));
      const bundling = props.bundling;
      stage = () => this.stageByBundling(bundling, skip, props);
    } else {
      stage = () => this.stageByCopying();
    }
    this.cacheKey = calculateCacheKey({
      outdir: this.assetOutdir,
      sourcePath: this.sourcePath,
      bundling: props.bundling,
      assetHashType: this.hashType,
      customFingerprint: this.customSourceFingerprint,
      extraHash: props.extraHash,
      exclude: props.exclude,
      ignoreMode: props.ignoreMode,
      skip,
    });
    let staged = AssetStaging.assetCache.get(this.cacheKey);
    if (!staged) {
      staged = stage();
      AssetStaging.assetCache.set(this.cacheKey, staged);
    }
    this.absoluteStagedPath = staged.stagedPath;
    this.assetHash = staged.assetHash;
    this.packaging = staged.packaging;
    this.isArchive = staged.isArchive;
  }

  /** The hash of the source (the same as `assetHash`). */
  public get sourceHash(): string {
    return this.assetHash;
  }

  /** The staged path relative to the assembly directory, or absolute if it is elsewhere. */
  public relativeStagedPath(stack: Stack): string {
    const asmDir = assemblyDirOf(stack);
    if (!asmDir) return this.absoluteStagedPath;
    const isOutside = path.relative(this.assetOutdir, this.absoluteStagedPath).startsWith('..');
    if (isOutside || this.stagingDisabled) return this.absoluteStagedPath;
    return path.relative(asmDir, this.absoluteStagedPath);
  }

  private stageByCopying(): StagedAsset {
    const assetHash = this.calculateHash(this.hashType);
    const targetPath = this.stagingDisabled
      ? this.sourcePath
      : path.resolve(this.assetOutdir, renderAssetFilename(assetHash, getExtension(this.sourcePath)));
    const stagedPath = this.renderStagedPath(this.sourcePath, targetPath);
    if (!this.sourceStats.isDirectory() && !this.sourceStats.isFile()) {
      throw new ValidationError('AssetExpectedDirectoryOrFile', `Asset ${this.sourcePath} is expected to be either a directory or a regular file`, this);
    }
    this.stageAsset(this.sourcePath, stagedPath, 'copy');
    return {
      assetHash,
      stagedPath,
      packaging: this.sourceStats.isDirectory() ? FileAssetPackaging.ZIP_DIRECTORY : FileAssetPackaging.FILE,
      isArchive: this.sourceStats.isDirectory() || ARCHIVE_EXTENSIONS.includes(getExtension(this.sourcePath).toLowerCase()),
    };
  }

  private stageByBundling(bundling: BundlingOptions, skip: boolean, props: AssetStagingProps): StagedAsset {
    if (!this.sourceStats.isDirectory()) {
      throw new ValidationError('AssetExpectedDirectoryForBundling', `Asset ${this.sourcePath} is expected to be a directory when bundling`, this);
    }
    if (skip) {
      // Bundling is skipped for this stack: a placeholder hash unique to this asset.
      let hashType = this.hashType;
      if (hashType === AssetHashType.OUTPUT) {
        this.customSourceFingerprint = Names.uniqueId(this);
        hashType = AssetHashType.CUSTOM;
      }
      return { assetHash: this.calculateHash(hashType, bundling), stagedPath: this.sourcePath, packaging: FileAssetPackaging.ZIP_DIRECTORY, isArchive: true };
    }

    let assetHash = this.hashType === AssetHashType.SOURCE || this.hashType === AssetHashType.CUSTOM ? this.calculateHash(this.hashType, bundling) : undefined;
    const bundleDir = path.resolve(this.assetOutdir, assetHash ? renderAssetFilename(assetHash) : `bundling-temp-${this.cacheKey}`);
    this.bundle(bundling, bundleDir);

    const outputType = bundling.outputType ?? BundlingOutput.AUTO_DISCOVER;
    const bundled = determineBundledAsset(this, bundleDir, outputType);
    if (bundled.packaging === FileAssetPackaging.ZIP_DIRECTORY && props.follow === SymlinkFollowMode.BLOCK_EXTERNAL) {
      const strategy = ignoreStrategyFor(props.ignoreMode ?? IgnoreMode.GLOB, bundleDir, props.exclude ?? []);
      validateInternalSymlinks(bundleDir, props.follow, strategy, (target) => { throw externalSymlinkError(this, target, props.follow); });
    }
    assetHash = assetHash ?? this.calculateHash(this.hashType, bundling, bundled.path);
    const stagedPath = this.renderStagedPath(bundled.path, path.resolve(this.assetOutdir, renderAssetFilename(assetHash, bundled.extension)));
    this.stageAsset(bundled.path, stagedPath, 'move');
    if (bundled.packaging === FileAssetPackaging.FILE) {
      if (this.hashType === AssetHashType.OUTPUT) fs.rmSync(path.dirname(bundled.path), { recursive: true, force: true });
      else fs.closeSync(fs.openSync(bundled.path, 'w'));
    }
    return { assetHash, stagedPath, packaging: bundled.packaging, isArchive: outputType !== BundlingOutput.SINGLE_FILE };
  }

  private get stagingDisabled(): boolean {
    return !!this.node.tryGetContext(DISABLE_ASSET_STAGING_CONTEXT);
  }

  private stageAsset(sourcePath: string, targetPath: string, style: 'move' | 'copy'): void {
    if (fs.existsSync(targetPath)) {
      if (style === 'move' && sourcePath !== targetPath) fs.rmSync(sourcePath, { recursive: true, force: true });
      return;
    }
    if (style === 'move') {
      fs.renameSync(sourcePath, targetPath);
      return;
    }
    if (this.sourceStats.isFile()) {
      fs.copyFileSync(sourcePath, targetPath);
    } else if (this.sourceStats.isDirectory()) {
      fs.mkdirSync(targetPath);
      const o = this.fingerprintOptions;
      copyDirectory(sourcePath, targetPath, o.follow ?? SymlinkFollowMode.EXTERNAL, ignoreStrategyFor(o.ignoreMode ?? IgnoreMode.GLOB, sourcePath, o.exclude ?? []));
    } else {
      throw new ValidationError('UnknownFileType', `Unknown file type: ${sourcePath}`, this);
    }
  }

  private bundle(options: BundlingOptions, bundleDir: string): void {
    if (fs.existsSync(bundleDir)) return;
    const tempDir = `${bundleDir}-building`;
    fs.rmSync(tempDir, { recursive: true, force: true });
    fs.mkdirSync(tempDir, { recursive: true });
    fs.chmodSync(tempDir, 0o777);
    try {
      process.stderr.write(`Bundling asset ${this.node.path}...\n`);
      const bundledLocally = options.local?.tryBundle(tempDir, options) ?? false;
      if (!bundledLocally) {
        throw new Error('this asset can only be bundled in Docker, which wsgate does not run; configure local bundling instead');
      }
      fs.renameSync(tempDir, bundleDir);
    } catch (err) {
      throw new ValidationError('FailedToBundleAsset', `Failed to bundle asset ${this.node.path}, bundle output is located at ${tempDir}: ${String(err)}`, this);
    }
    if (fs.readdirSync(bundleDir).length === 0) {
      throw new ValidationError('BundlingProducedNoOutput', `Bundling did not produce any output. Check that content is written to ${bundleDir}.`, this);
    }
  }

  private calculateHash(hashType: AssetHashType, bundling?: BundlingOptions, outputDir?: string): string {
    if (hashType === AssetHashType.CUSTOM || (hashType === AssetHashType.SOURCE && bundling)) {
      const hash = createHash('sha256');
      hash.update(this.customSourceFingerprint ?? fingerprint(this.sourcePath, this.fingerprintOptions));
      if (bundling) hash.update(JSON.stringify(bundling));
      return hash.digest('hex');
    }
    switch (hashType) {
      case AssetHashType.SOURCE:
        return fingerprint(this.sourcePath, this.fingerprintOptions);
      case AssetHashType.OUTPUT:
        if (!outputDir) {
          throw new ValidationError('CannotUseHashTypeWithoutBundling', `Cannot use \`${hashType}\` hash type when \`bundling\` is not specified.`, this);
        }
        return fingerprint(outputDir, this.fingerprintOptions);
      default:
        throw new ValidationError('UnknownAssetHashType', 'Unknown asset hash type.', this);
    }
  }

  private renderStagedPath(sourcePath: string, targetPath: string): string {
    // A file staged next to itself would overwrite its own directory's name.
    if (this.hashType !== AssetHashType.OUTPUT && path.dirname(sourcePath) === targetPath) return targetPath + '_noext';
    return targetPath;
  }
}

/** The assembly directory of the App above `scope`, if there is one. */
function assemblyDirOf(scope: IConstruct): string | undefined {
  const root = scope.node.root;
  return App.isApp(root) ? path.resolve(root.assetOutdir) : undefined;
}

function bundlingRequired(stack: Stack): boolean {
  const patterns = (stack.node.tryGetContext(BUNDLING_STACKS_CONTEXT) as string[] | undefined) ?? ['**'];
  return patterns.some((pattern) => globMatches(stack.node.path, pattern, false));
}

function determineHashType(scope: IConstruct, assetHashType: AssetHashType | undefined, custom: string | undefined): AssetHashType {
  const hashType = custom ? (assetHashType ?? AssetHashType.CUSTOM) : (assetHashType ?? AssetHashType.SOURCE);
  if (custom && hashType !== AssetHashType.CUSTOM) {
    throw new ValidationError('CannotSpecifyAssetHashTypeWithAssetHash',
      `Cannot specify \`${assetHashType}\` for \`assetHashType\` when \`assetHash\` is specified. Use \`CUSTOM\` or leave \`undefined\`.`, scope);
  }
  if (hashType === AssetHashType.CUSTOM && !custom) {
    throw new ValidationError('MustBeSpecified', '`assetHash` must be specified when `assetHashType` is set to `AssetHashType.CUSTOM`.', scope);
  }
  return hashType;
}

function externalSymlinkError(scope: IConstruct, target: string, follow: SymlinkFollowMode | undefined): ValidationError {
  return new ValidationError('BundlingFileSymlinkForbidden',
    `The file ${target} is an external symbolic link which is forbidden due to follow mode ${follow}. Set \`follow\` to a mode that will follow symlinks (ALWAYS or EXTERNAL) or emit a regular file`, scope);
}
