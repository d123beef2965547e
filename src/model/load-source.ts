/**
 * Where templates come from: a cloud assembly directory (cdk.out, from wsgate or aws-cdk-lib), a
 * single template file (JSON or YAML with CloudFormation's short tags), or an App / Stack in memory
 * (synthesized first, so the gateway still reads only templates).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import type { TemplateSource } from './load-template.js';
import type { CfnTemplate } from './template-evaluator.js';
import { ModelError } from './model-error.js';

/** Something that can be synthesized: an App, or a Stack of one (duck-typed, never imported). */
export interface SynthesizableApp {
  synth(options?: { force?: boolean }): { directory: string };
}

/** A path to cdk.out / a template file, or an in-memory App or Stack. */
export type TemplateInput = string | SynthesizableApp | { readonly node: { readonly root: unknown } };

/** Reads the templates of an input. */
export function readTemplateSources(input: TemplateInput, parameters?: Record<string, string>): TemplateSource[] {
  if (typeof input === 'string') return readPath(resolve(input), parameters);
  const app = (isSynthesizable(input) ? input : (input.node.root as SynthesizableApp));
  if (!isSynthesizable(app)) throw new ModelError('(input)', undefined, undefined, 'is neither a path nor an App or Stack');
  return readAssembly(app.synth({ force: true }).directory, parameters);
}

function isSynthesizable(x: unknown): x is SynthesizableApp {
  return typeof (x as { synth?: unknown }).synth === 'function';
}

function readPath(path: string, parameters?: Record<string, string>): TemplateSource[] {
  if (!existsSync(path)) throw new ModelError(basename(path), undefined, undefined, `no such file or directory: ${path}`);
  if (statSync(path).isDirectory()) return readAssembly(path, parameters);
  const stackName = basename(path).replace(/\.template\.(json|ya?ml)$|\.(json|ya?ml)$/, '') || 'Stack';
  return [{ stackName, template: parseTemplateFile(path), assemblyDir: dirname(path), parameters }];
}

/** Every stack of a cloud assembly, with its staged assets. */
export function readAssembly(dir: string, parameters?: Record<string, string>): TemplateSource[] {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new ModelError(basename(dir), undefined, undefined, `${dir} is not a cloud assembly: it has no manifest.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { artifacts?: Record<string, ArtifactEntry> };
  const artifacts = manifest.artifacts ?? {};
  const out: TemplateSource[] = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const props = artifact.properties ?? {};
    const templateFile = String(props.templateFile);
    const assets = new Map<string, string>();
    for (const depId of artifact.dependencies ?? []) {
      const dep = artifacts[depId];
      if (dep?.type !== 'cdk:asset-manifest') continue;
      const assetManifest = JSON.parse(readFileSync(join(dir, String(dep.properties?.file)), 'utf8')) as AssetManifest;
      for (const file of Object.values(assetManifest.files ?? {})) {
        for (const dest of Object.values(file.destinations ?? {})) assets.set(dest.objectKey, resolve(dir, file.source.path));
      }
    }
    out.push({
      stackName: String(props.stackName ?? id),
      template: JSON.parse(readFileSync(join(dir, templateFile), 'utf8')) as CfnTemplate,
      assemblyDir: dir,
      assetsByObjectKey: assets,
      parameters,
    });
  }
  if (out.length === 0) throw new ModelError(basename(dir), undefined, undefined, 'the cloud assembly has no stacks');
  return out;
}

interface ArtifactEntry {
  readonly type: string;
  readonly properties?: Record<string, unknown>;
  readonly dependencies?: string[];
}

interface AssetManifest {
  readonly files?: Record<string, { source: { path: string }; destinations?: Record<string, { objectKey: string }> }>;
}

/** CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub …`) as their long forms. */
const CFN_TAGS: Tags = ['Ref', 'Condition', 'GetAtt', 'Join', 'Sub', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not',
  'Base64', 'GetAZs', 'FindInMap', 'ImportValue', 'Cidr', 'Contains', 'Transform'].flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const make = (value: unknown) => ({ [key]: name === 'GetAtt' && typeof value === 'string' ? value.split(/\.(.*)/s).slice(0, 2) : value });
  return (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
    tag: `!${name}`,
    collection: nodeClass === 'scalar' ? undefined : nodeClass,
    resolve: (value: unknown) => make(value && typeof value === 'object' && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value),
  })) as unknown as Tags;
});

/** Parses a JSON or YAML template file. */
export function parseTemplateFile(path: string): CfnTemplate {
  const text = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  if (ext === '.json' || text.trimStart().startsWith('{')) return JSON.parse(text) as CfnTemplate;
  const doc = parseDocument(text, { customTags: CFN_TAGS });
  if (doc.errors.length > 0) throw new ModelError(basename(path), undefined, undefined, `is not valid YAML: ${doc.errors[0].message}`);
  return doc.toJSON() as CfnTemplate;
}
