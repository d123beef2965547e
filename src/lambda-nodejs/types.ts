/**
 * Options of the esbuild bundling a NodejsFunction does, with aws-cdk-lib's names and defaults.
 * wsgate bundles on this machine with esbuild's JavaScript API, never in Docker.
 */
import type { DockerImage } from '../core/index.js';

/** How a NodejsFunction's entry is bundled. */
export interface BundlingOptions {
  /** Minify the output. @default false */
  readonly minify?: boolean;
  /** Write a source map. @default false */
  readonly sourceMap?: boolean;
  /** Where the source map goes. @default SourceMapMode.DEFAULT */
  readonly sourceMapMode?: SourceMapMode;
  /** Put the sources in the source map. @default true */
  readonly sourcesContent?: boolean;
  /** The esbuild target (`node22`, `es2020`). @default - the runtime's Node.js version */
  readonly target?: string;
  /** Loaders by file extension (`{ '.png': 'dataurl' }`). @default - esbuild's */
  readonly loader?: { [ext: string]: string };
  /** esbuild's log level. @default LogLevel.WARNING */
  readonly logLevel?: LogLevel;
  /** Keep function and class names. @default false */
  readonly keepNames?: boolean;
  /** A tsconfig.json for esbuild. @default - esbuild looks for one */
  readonly tsconfig?: string;
  /** Write `index.meta.json` next to the bundle. @default false */
  readonly metafile?: boolean;
  /** Text at the top of the bundle. @default - none */
  readonly banner?: string;
  /** Text at the end of the bundle. @default - none */
  readonly footer?: string;
  /** The charset of the output (ignored, as in aws-cdk-lib 2.276). @default Charset.ASCII */
  readonly charset?: Charset;
  /** Replacements of global identifiers (`{ 'process.env.STAGE': '"dev"' }`). @default - none */
  readonly define?: { [key: string]: string };
  /**
   * Modules left out of the bundle.
   * @default - `@aws-sdk/*` for Node.js 18 and later, `aws-sdk` for older runtimes
   */
  readonly externalModules?: string[];
  /** Bundle the AWS SDK instead of using the runtime's. @default false */
  readonly bundleAwsSDK?: boolean;
  /** Modules installed into `node_modules` next to the bundle instead of bundled. @default - none */
  readonly nodeModules?: string[];
  /** Unused: wsgate uses the esbuild package it depends on. @default - none */
  readonly esbuildVersion?: string;
  /** More esbuild command-line flags (`{ '--log-limit': '0' }`). @default - none */
  readonly esbuildArgs?: { [key: string]: string | boolean | string[] };
  /** Unused: wsgate does not build Docker images. @default - none */
  readonly buildArgs?: { [key: string]: string };
  /** Not supported: wsgate never bundles in Docker. @default false */
  readonly forceDockerBundling?: boolean;
  /** Not supported by wsgate. @default false */
  readonly preCompilation?: boolean;
  /** Not supported: wsgate never bundles in Docker. @default - none */
  readonly dockerImage?: DockerImage;
  /** Shell commands run around bundling. @default - none */
  readonly commandHooks?: ICommandHooks;
  /** A fixed asset hash instead of the hash of the bundle. @default - the hash of the output */
  readonly assetHash?: string;
  /** The module format of the output. @default OutputFormat.CJS */
  readonly format?: OutputFormat;
  /** Which package.json fields select a package's entry. @default - esbuild's for the platform */
  readonly mainFields?: string[];
  /** Files imported into every input. @default - none */
  readonly inject?: string[];
  /** Environment variables for the command hooks and installs. @default - none */
  readonly environment?: { [key: string]: string };
}

/** The module format of the bundle. */
export enum OutputFormat {
  /** CommonJS (`index.js`). */
  CJS = 'cjs',
  /** ECMAScript modules (`index.mjs`). */
  ESM = 'esm',
}

/** Shell commands run at points of the bundling. */
export interface ICommandHooks {
  /** Commands before esbuild runs. */
  beforeBundling(inputDir: string, outputDir: string): string[];
  /** Commands before `nodeModules` are installed. */
  beforeInstall(inputDir: string, outputDir: string): string[];
  /** Commands after bundling. */
  afterBundling(inputDir: string, outputDir: string): string[];
}

/** esbuild's log levels. */
export enum LogLevel {
  VERBOSE = 'verbose',
  DEBUG = 'debug',
  INFO = 'info',
  WARNING = 'warning',
  ERROR = 'error',
  SILENT = 'silent',
}

/** Where a source map is written. */
export enum SourceMapMode {
  /** A separate `.map` file, linked from the bundle. */
  DEFAULT = 'default',
  /** A separate `.map` file, not linked. */
  EXTERNAL = 'external',
  /** Inside the bundle. */
  INLINE = 'inline',
  /** Both inside and separate. */
  BOTH = 'both',
}

/** The charset of the output. */
export enum Charset {
  ASCII = 'ascii',
  UTF8 = 'utf8',
}
