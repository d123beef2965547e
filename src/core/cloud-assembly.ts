/**
 * The cloud assembly: the directory `app.synth()` writes (manifest.json, one template per stack,
 * asset manifests and staged assets), in the format of `@aws-cdk/cloud-assembly-schema` that the
 * cdk CLI reads.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The schema version written to manifest.json. */
export const CLOUD_ASSEMBLY_SCHEMA_VERSION = '55.0.0';

export interface ArtifactManifest {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: Record<string, unknown>;
  readonly dependencies?: string[];
  readonly metadata?: Record<string, Array<{ type: string; data?: unknown; trace?: string[] }>>;
  readonly displayName?: string;
}

/** Collects artifacts during synthesis and writes manifest.json. */
export class CloudAssemblyBuilder {
  public readonly outdir: string;
  private readonly artifacts: Record<string, ArtifactManifest> = {};

  constructor(outdir: string) {
    this.outdir = resolve(outdir);
    mkdirSync(this.outdir, { recursive: true });
  }

  public addArtifact(id: string, manifest: ArtifactManifest): void {
    this.artifacts[id] = stripUndefined(manifest) as ArtifactManifest;
  }

  public writeJson(fileName: string, content: unknown, indent = 1): string {
    const path = join(this.outdir, fileName);
    writeFileSync(path, JSON.stringify(content, undefined, indent));
    return path;
  }

  public build(): CloudAssembly {
    const manifest = { version: CLOUD_ASSEMBLY_SCHEMA_VERSION, artifacts: this.artifacts };
    writeFileSync(join(this.outdir, 'manifest.json'), JSON.stringify(manifest, undefined, 2));
    return new CloudAssembly(this.outdir);
  }
}

/** A stack in a cloud assembly. */
export class CloudFormationStackArtifact {
  constructor(
    public readonly id: string,
    public readonly stackName: string,
    public readonly templateFile: string,
    public readonly templateFullPath: string,
    public readonly environment: string,
    public readonly manifest: ArtifactManifest,
  ) {}

  /** The template, parsed. */
  public get template(): Record<string, unknown> {
    return JSON.parse(readFileSync(this.templateFullPath, 'utf8')) as Record<string, unknown>;
  }

  public get displayName(): string {
    return this.manifest.displayName ?? this.id;
  }
}

/** A cloud assembly read from its directory. */
export class CloudAssembly {
  public readonly manifest: { version: string; artifacts: Record<string, ArtifactManifest> };

  constructor(public readonly directory: string) {
    this.manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'));
  }

  public get stacks(): CloudFormationStackArtifact[] {
    return Object.entries(this.manifest.artifacts ?? {})
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => {
        const props = (a.properties ?? {}) as { templateFile: string; stackName?: string };
        return new CloudFormationStackArtifact(id, props.stackName ?? id, props.templateFile, join(this.directory, props.templateFile), a.environment ?? '', a);
      });
  }

  public getStackArtifact(artifactId: string): CloudFormationStackArtifact {
    const found = this.stacks.find((s) => s.id === artifactId);
    if (!found) throw new Error(`Unable to find artifact with id "${artifactId}"`);
    return found;
  }

  public getStackByName(stackName: string): CloudFormationStackArtifact {
    const found = this.stacks.filter((s) => s.stackName === stackName);
    if (found.length === 0) throw new Error(`Unable to find stack with stack name "${stackName}"`);
    if (found.length > 1) throw new Error(`There are multiple stacks with the stack name "${stackName}" (${found.map((s) => s.id).join(',')}). Use "getStackArtifact(id)" instead`);
    return found[0];
  }

  public tryGetArtifact(id: string): ArtifactManifest | undefined {
    return this.manifest.artifacts?.[id];
  }
}

function stripUndefined(o: object): object {
  return JSON.parse(JSON.stringify(o));
}
