/**
 * How a stack is written into the cloud assembly, as aws-cdk-lib's DefaultStackSynthesizer does
 * it: the bootstrap-version parameter and rule, the template as a file asset, an assets manifest,
 * and the stack artifact with the bootstrap roles, so the cdk CLI can deploy the result.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Stack } from './stack.js';
import type { CloudAssemblyBuilder } from './cloud-assembly.js';
import { CfnParameter } from './cfn-parameter.js';
import { CfnRule } from './cfn-rule.js';
import { Fn } from './fn.js';
import { Token } from './token.js';
import { CfnElement } from './cfn-element.js';
import { CLOUD_ASSEMBLY_SCHEMA_VERSION } from './cloud-assembly.js';

export enum FileAssetPackaging {
  ZIP_DIRECTORY = 'zip',
  FILE = 'file',
}

/** A file or directory to upload as an asset. */
export interface FileAssetSource {
  /** The content hash; names the uploaded object. */
  readonly sourceHash: string;
  /** The staged path, relative to the assembly directory (or absolute). */
  readonly fileName?: string;
  readonly packaging?: FileAssetPackaging;
  readonly displayName?: string;
}

/** Where an asset lands. */
export interface FileAssetLocation {
  readonly bucketName: string;
  readonly objectKey: string;
  readonly httpUrl: string;
  readonly s3ObjectUrl: string;
}

export interface ISynthesisSession {
  readonly assembly: CloudAssemblyBuilder;
  readonly outdir: string;
}

export interface IStackSynthesizer {
  readonly bootstrapQualifier?: string;
  bind(stack: Stack): void;
  addFileAsset(asset: FileAssetSource): FileAssetLocation;
  synthesize(session: ISynthesisSession): void;
}

export interface DefaultStackSynthesizerProps {
  /** @default 'hnb659fds' */
  readonly qualifier?: string;
  /** @default true */
  readonly generateBootstrapVersionRule?: boolean;
}

const DEFAULT_QUALIFIER = 'hnb659fds';
const REQUIRED_BOOTSTRAP_VERSION = 6;

export class DefaultStackSynthesizer implements IStackSynthesizer {
  public static readonly DEFAULT_QUALIFIER = DEFAULT_QUALIFIER;

  public readonly bootstrapQualifier: string;
  private stack?: Stack;
  private readonly files: Record<string, unknown> = {};

  constructor(private readonly props: DefaultStackSynthesizerProps = {}) {
    this.bootstrapQualifier = props.qualifier ?? DEFAULT_QUALIFIER;
  }

  public bind(stack: Stack): void {
    if (this.stack && this.stack !== stack) throw new Error('A StackSynthesizer can only be used for one Stack');
    this.stack = stack;
  }

  private get boundStack(): Stack {
    if (!this.stack) throw new Error('The StackSynthesizer must be bound to a Stack first');
    return this.stack;
  }

  private get bucketPattern(): string { return `cdk-${this.bootstrapQualifier}-assets-\${AWS::AccountId}-\${AWS::Region}`; }
  private get ssmParameter(): string { return `/cdk-bootstrap/${this.bootstrapQualifier}/version`; }
  private role(kind: string): string {
    return `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/cdk-${this.bootstrapQualifier}-${kind}-\${AWS::AccountId}-\${AWS::Region}`;
  }

  /** Records an asset and returns where it will be uploaded. */
  public addFileAsset(asset: FileAssetSource): FileAssetLocation {
    const stack = this.boundStack;
    const extension = asset.packaging === FileAssetPackaging.FILE ? extOf(asset.fileName ?? '') : '.zip';
    const objectKey = `${asset.sourceHash}${extension}`;
    this.files[asset.sourceHash] = {
      displayName: asset.displayName,
      source: { path: asset.fileName, packaging: asset.packaging ?? FileAssetPackaging.ZIP_DIRECTORY },
      destinations: {
        [this.destinationId()]: { bucketName: this.bucketPattern, objectKey, assumeRoleArn: this.role('file-publishing-role') },
      },
    };
    const bucketName = cfnify(specialize(this.bucketPattern, stack));
    return {
      bucketName,
      objectKey,
      httpUrl: cfnify(specialize(`https://${this.bucketPattern}.s3.\${AWS::Region}.\${AWS::URLSuffix}/${objectKey}`, stack)),
      s3ObjectUrl: cfnify(`s3://${specialize(this.bucketPattern, stack)}/${objectKey}`),
    };
  }

  public synthesize(session: ISynthesisSession): void {
    const stack = this.boundStack;
    if (this.props.generateBootstrapVersionRule !== false) addBootstrapVersionRule(stack, this.ssmParameter);

    const template = stack._toCloudFormation();
    const templatePath = session.assembly.writeJson(stack.templateFile, template);
    const templateHash = createHash('sha256').update(readFileSync(templatePath)).digest('hex');
    this.files[templateHash] = {
      displayName: `${stack.node.path} Template`,
      source: { path: stack.templateFile, packaging: FileAssetPackaging.FILE },
      destinations: {
        [this.destinationId()]: { bucketName: this.bucketPattern, objectKey: `${templateHash}.json`, assumeRoleArn: this.role('file-publishing-role') },
      },
    };

    const assetsId = `${stack.artifactId}.assets`;
    const assetsFile = `${stack.artifactId}.assets.json`;
    session.assembly.writeJson(assetsFile, { version: CLOUD_ASSEMBLY_SCHEMA_VERSION, files: this.files, dockerImages: {} }, 2);
    session.assembly.addArtifact(assetsId, {
      type: 'cdk:asset-manifest',
      properties: { file: assetsFile, requiresBootstrapStackVersion: REQUIRED_BOOTSTRAP_VERSION, bootstrapStackVersionSsmParameter: this.ssmParameter },
    });

    const tags = stack.tags.tagValues();
    session.assembly.addArtifact(stack.artifactId, {
      type: 'aws:cloudformation:stack',
      environment: stack.environment,
      properties: {
        templateFile: stack.templateFile,
        terminationProtection: stack.terminationProtection,
        tags: Object.keys(tags).length > 0 ? tags : undefined,
        validateOnSynth: false,
        notificationArns: stack.notificationArns,
        assumeRoleArn: this.role('deploy-role'),
        cloudFormationExecutionRoleArn: this.role('cfn-exec-role'),
        stackTemplateAssetObjectUrl: `s3://${this.bucketPattern}/${templateHash}.json`,
        requiresBootstrapStackVersion: REQUIRED_BOOTSTRAP_VERSION,
        bootstrapStackVersionSsmParameter: this.ssmParameter,
        additionalDependencies: [assetsId],
        stackName: stack.stackName !== stack.artifactId ? stack.stackName : undefined,
        lookupRole: {
          arn: this.role('lookup-role'),
          requiresBootstrapStackVersion: 8,
          bootstrapStackVersionSsmParameter: this.ssmParameter,
        },
      },
      dependencies: [...stack.dependenciesList.map((s) => s.artifactId), assetsId],
      metadata: collectMetadata(stack),
      displayName: stack.node.path,
    });
  }

  private destinationId(): string {
    const stack = this.boundStack;
    const account = Token.isUnresolved(stack.account) ? 'current_account' : stack.account;
    const region = Token.isUnresolved(stack.region) ? 'current_region' : stack.region;
    return `${account}-${region}`;
  }
}

/** The BootstrapVersion parameter and CheckBootstrapVersion rule of every stack. */
function addBootstrapVersionRule(stack: Stack, ssmParameter: string): void {
  if (stack.node.tryFindChild('BootstrapVersion')) return;
  const param = new CfnParameter(stack, 'BootstrapVersion', {
    type: 'AWS::SSM::Parameter::Value<String>',
    description: 'Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]',
    default: ssmParameter,
  });
  const rule = new CfnRule(stack, 'CheckBootstrapVersion', {
    assertions: [{
      assert: Fn.conditionNot(Fn.conditionContains(['1', '2', '3', '4', '5'], param.valueAsString)),
      assertDescription: `CDK bootstrap stack version ${REQUIRED_BOOTSTRAP_VERSION} required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.`,
    }],
  });
  void rule;
}

/** Logical IDs and annotations of a stack's constructs, keyed by construct path. */
function collectMetadata(stack: Stack): Record<string, Array<{ type: string; data?: unknown }>> {
  const out: Record<string, Array<{ type: string; data?: unknown }>> = {};
  for (const c of stack.node.findAll()) {
    const entries: Array<{ type: string; data?: unknown }> = [];
    for (const m of c.node.metadata) {
      if (m.type.startsWith('aws:cdk:') && m.type !== 'aws:cdk:acknowledge') entries.push({ type: m.type, data: m.data });
    }
    if (CfnElement.isCfnElement(c) && c.stack === stack) entries.push({ type: 'aws:cdk:logicalId', data: stack.resolve(c.logicalId) });
    if (entries.length > 0) out[`/${c.node.path}`] = entries;
  }
  return out;
}

function specialize(s: string, stack: Stack): string {
  let out = s;
  if (!Token.isUnresolved(stack.account)) out = out.split('${AWS::AccountId}').join(stack.account);
  if (!Token.isUnresolved(stack.region)) out = out.split('${AWS::Region}').join(stack.region);
  return out;
}

function cfnify(s: string): string {
  return s.includes('${') ? Fn.sub(s) : s;
}

function extOf(fileName: string): string {
  const m = /(\.[A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1] : '';
}
