/**
 * The code of a function: inline source, a local file or directory staged as an asset, or an S3
 * location given by template parameters.
 */
import type { Construct } from 'constructs';
import {
  CfnParameter, Stack, UnscopedValidationError, ValidationError,
  type AssetOptions, type CfnResource, type IgnoreMode, type SymlinkFollowMode,
} from '../core/index.js';
import { CodeAsset } from './private/code-asset.js';

/** Where code is in S3. */
export interface CodeS3Location {
  readonly bucketName: string;
  readonly objectKey: string;
  /** @default - the latest version */
  readonly objectVersion?: string;
}

/** A container image to run. */
export interface CodeImageConfig {
  readonly imageUri: string;
  /** @default - the image's CMD */
  readonly cmd?: string[];
  /** @default - the image's ENTRYPOINT */
  readonly entrypoint?: string[];
  /** @default - the image's WORKDIR */
  readonly workingDirectory?: string;
}

/** What a Code gives the function when bound: exactly one of the locations. */
export interface CodeConfig {
  /** @default - not in S3 */
  readonly s3Location?: CodeS3Location;
  /** @default - not inline */
  readonly inlineCode?: string;
  /** @default - not an image */
  readonly image?: CodeImageConfig;
  /** @default - the AWS managed key */
  readonly sourceKMSKeyArn?: string;
  /** @default - none */
  readonly s3ObjectStorageMode?: string;
}

/** Options of `bindToResource`. */
export interface ResourceBindOptions {
  /** The property of the resource that holds the code. @default 'Code' */
  readonly resourceProperty?: string;
}

/** Options of `Code.fromAsset`. */
export interface AssetCodeOptions extends AssetOptions {
  /** Glob patterns of files to leave out. @default - nothing is excluded */
  readonly exclude?: string[];
  /** How `exclude` is read. @default IgnoreMode.GLOB */
  readonly ignoreMode?: IgnoreMode;
  /** How symbolic links are treated. @default SymlinkFollowMode.NEVER */
  readonly followSymlinks?: SymlinkFollowMode;
  /** A name for the asset in the CLI's output. @default - the asset's construct path below the stack */
  readonly displayName?: string;
  /** Whether the asset is only needed at deploy time. @default true */
  readonly deployTime?: boolean;
}

/** The code of a Lambda function. */
export abstract class Code {
  /** Inline source (ZipFile), for the runtimes that take it. */
  public static fromInline(code: string): InlineCode {
    return new InlineCode(code);
  }

  /** @deprecated use `fromInline` */
  public static inline(code: string): InlineCode {
    return Code.fromInline(code);
  }

  /** A local directory (zipped) or .zip/.jar file, staged as an asset. */
  public static fromAsset(path: string, options?: AssetCodeOptions): AssetCode {
    return new AssetCode(path, options);
  }

  /** @deprecated use `fromAsset` */
  public static asset(path: string): AssetCode {
    return Code.fromAsset(path);
  }

  /** An S3 location given by two template parameters. */
  public static fromCfnParameters(props?: CfnParametersCodeProps): CfnParametersCode {
    return new CfnParametersCode(props);
  }

  /** @deprecated use `fromCfnParameters` */
  public static cfnParameters(props?: CfnParametersCodeProps): CfnParametersCode {
    return Code.fromCfnParameters(props);
  }

  /** @deprecated this value is ignored */
  public abstract readonly isInline: boolean;

  /** Called when a function uses this code. */
  public abstract bind(scope: Construct): CodeConfig;

  /** Called once the function's resource exists. */
  public bindToResource(_resource: CfnResource, _options?: ResourceBindOptions): void {
    // Nothing to do for most code kinds.
  }
}

/** Inline source code. */
export class InlineCode extends Code {
  public readonly isInline = true;

  constructor(private readonly code: string) {
    super();
    if (code.length === 0) throw new UnscopedValidationError('LambdaInlineCodeCannotBeEmpty', 'Lambda inline code cannot be empty');
  }

  public bind(_scope: Construct): CodeConfig {
    return { inlineCode: this.code };
  }
}

/** Code in a local directory or archive, staged and uploaded as an asset. */
export class AssetCode extends Code {
  public readonly isInline = false;
  private asset?: CodeAsset;

  /**
   * @param path the directory or .zip/.jar file
   * @param options staging options
   */
  constructor(public readonly path: string, private readonly options: AssetCodeOptions = {}) {
    super();
  }

  public bind(scope: Construct): CodeConfig {
    if (!this.asset) {
      this.asset = new CodeAsset(scope, 'Code', { path: this.path, ...this.options });
    } else if (Stack.of(this.asset) !== Stack.of(scope)) {
      throw new ValidationError('AssetAlreadyAssociatedWithStack',
        `Asset is already associated with another stack '${Stack.of(this.asset).stackName}'. Create a new Code instance for every stack.`, scope);
    }
    if (!this.asset.isZipArchive) {
      throw new ValidationError('AssetMustBeZipFile', `Asset must be a .zip file or a directory (${this.path})`, scope);
    }
    return { s3Location: { bucketName: this.asset.s3BucketName, objectKey: this.asset.s3ObjectKey } };
  }

  public override bindToResource(resource: CfnResource, options: ResourceBindOptions = {}): void {
    if (!this.asset) throw new ValidationError('BindToResourceCalledBeforeBind', 'bindToResource() must be called after bind()', resource);
    this.asset.addResourceMetadata(resource, options.resourceProperty || 'Code');
  }
}

/** Properties of a CfnParametersCode. */
export interface CfnParametersCodeProps {
  /** The parameter with the bucket name. @default - a new parameter `LambdaSourceBucketNameParameter` */
  readonly bucketNameParam?: CfnParameter;
  /** The parameter with the object key. @default - a new parameter `LambdaSourceObjectKeyParameter` */
  readonly objectKeyParam?: CfnParameter;
}

/** Code whose S3 location is given at deploy time through template parameters. */
export class CfnParametersCode extends Code {
  public readonly isInline = false;
  private _bucketNameParam?: CfnParameter;
  private _objectKeyParam?: CfnParameter;

  constructor(props: CfnParametersCodeProps = {}) {
    super();
    this._bucketNameParam = props.bucketNameParam;
    this._objectKeyParam = props.objectKeyParam;
  }

  public bind(scope: Construct): CodeConfig {
    this._bucketNameParam ??= new CfnParameter(scope, 'LambdaSourceBucketNameParameter', { type: 'String' });
    this._objectKeyParam ??= new CfnParameter(scope, 'LambdaSourceObjectKeyParameter', { type: 'String' });
    return { s3Location: { bucketName: this._bucketNameParam.valueAsString, objectKey: this._objectKeyParam.valueAsString } };
  }

  /** Parameter values for a location (for a pipeline's parameter overrides). */
  public assign(location: CodeS3Location): { [name: string]: string } {
    return { [this.bucketNameParam]: location.bucketName, [this.objectKeyParam]: location.objectKey };
  }

  /** The logical ID of the bucket-name parameter. */
  public get bucketNameParam(): string {
    if (this._bucketNameParam) return this._bucketNameParam.logicalId;
    throw new UnscopedValidationError('CfnParametersCodeNotBoundToFunction', 'Pass CfnParametersCode to a Lambda Function before accessing the bucketNameParam property');
  }

  /** The logical ID of the object-key parameter. */
  public get objectKeyParam(): string {
    if (this._objectKeyParam) return this._objectKeyParam.logicalId;
    throw new UnscopedValidationError('CfnParametersCodeNotBoundToFunction', 'Pass CfnParametersCode to a Lambda Function before accessing the objectKeyParam property');
  }
}
