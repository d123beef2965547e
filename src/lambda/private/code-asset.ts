/**
 * The asset behind `Code.fromAsset`: stages a file or directory (aws-cdk-lib's `s3_assets.Asset`,
 * with the same construct ids: `Code`, then `Stage`) and registers it with the stack's
 * synthesizer, which says where it will be uploaded.
 */
import * as path from 'node:path';
import { Construct } from 'constructs';
import {
  AssetStaging, FileAssetPackaging, Names, Stack, ValidationError,
  type AssetOptions, type CfnResource, type IgnoreMode, type SymlinkFollowMode,
} from '../../core/index.js';

/** Context key that turns on the asset metadata the SAM CLI reads. */
const ASSET_RESOURCE_METADATA_ENABLED_CONTEXT = 'aws:cdk:enable-asset-metadata';

export interface CodeAssetProps extends AssetOptions {
  readonly path: string;
  readonly exclude?: string[];
  readonly ignoreMode?: IgnoreMode;
  readonly followSymlinks?: SymlinkFollowMode;
  readonly displayName?: string;
}

export class CodeAsset extends Construct {
  public readonly s3BucketName: string;
  public readonly s3ObjectKey: string;
  /** The staged path, relative to the cloud assembly. */
  public readonly assetPath: string;
  public readonly assetHash: string;
  public readonly isZipArchive: boolean;
  public readonly isBundled: boolean;

  constructor(scope: Construct, id: string, props: CodeAssetProps) {
    super(scope, id);
    if (!props.path) throw new ValidationError('AssetPathCannotEmpty', 'Asset path cannot be empty', this);
    this.isBundled = props.bundling != null;
    const staging = new AssetStaging(this, 'Stage', {
      sourcePath: path.resolve(props.path),
      exclude: props.exclude,
      ignoreMode: props.ignoreMode,
      follow: props.followSymlinks,
      assetHash: props.assetHash,
      assetHashType: props.assetHashType,
      bundling: props.bundling,
    });
    this.assetHash = staging.assetHash;
    const stack = Stack.of(this);
    this.assetPath = staging.relativeStagedPath(stack);
    this.isZipArchive = staging.isArchive;
    const location = stack.synthesizer.addFileAsset({
      packaging: staging.packaging === FileAssetPackaging.FILE ? FileAssetPackaging.FILE : FileAssetPackaging.ZIP_DIRECTORY,
      sourceHash: this.assetHash,
      fileName: this.assetPath,
      displayName: props.displayName ?? Names.stackRelativeConstructPath(this),
    });
    this.s3BucketName = location.bucketName;
    this.s3ObjectKey = location.objectKey;
  }

  /**
   * Records where the asset is in the resource's Metadata, for tools such as the SAM CLI, when
   * the `aws:cdk:enable-asset-metadata` context is set (the cdk CLI sets it).
   */
  public addResourceMetadata(resource: CfnResource, resourceProperty: string): void {
    if (!this.node.tryGetContext(ASSET_RESOURCE_METADATA_ENABLED_CONTEXT)) return;
    resource.addMetadata('aws:asset:path', this.assetPath);
    resource.addMetadata('aws:asset:is-bundled', this.isBundled);
    resource.addMetadata('aws:asset:property', resourceProperty);
  }
}
