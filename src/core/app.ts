/**
 * The root of a construct tree. `app.synth()` runs aspects, turns construct dependencies into
 * DependsOn, validates, and writes the cloud assembly.
 */
import { Construct, type IConstruct } from 'constructs';
import { Stack } from './stack.js';
import { CfnResource } from './cfn-resource.js';
import { invokeAspects } from './aspects.js';
import { CloudAssemblyBuilder, type CloudAssembly } from './cloud-assembly.js';
import { ANNOTATION_TYPES } from './annotations.js';

export interface AppProps {
  /** Where the cloud assembly is written. @default - $CDK_OUTDIR, else 'cdk.out' */
  readonly outdir?: string;
  /** Context values for the tree. @default - none */
  readonly context?: Record<string, unknown>;
  /** Synthesize when the process exits if the cdk CLI started it (CDK_OUTDIR is set). @default true */
  readonly autoSynth?: boolean;
  /** @default true */
  readonly analyticsReporting?: boolean;
  /** @default false */
  readonly stackTraces?: boolean;
  /** @default false */
  readonly treeMetadata?: boolean;
}

export interface StageSynthesisOptions {
  /** Synthesize again even if the app already was. @default false */
  readonly force?: boolean;
  /** @default true */
  readonly validateOnSynthesis?: boolean;
  /** @default false */
  readonly skipValidation?: boolean;
}

const APP_SYMBOL = Symbol.for('wsgate/core.App');

export class App extends Construct {
  public static isApp(x: unknown): x is App {
    return typeof x === 'object' && x !== null && APP_SYMBOL in x;
  }

  public readonly outdir: string;
  /** Where assets are staged (the assembly directory). */
  public get assetOutdir(): string { return this.outdir; }

  private assembly?: CloudAssembly;

  constructor(props: AppProps = {}) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructs' root takes an undefined scope
    super(undefined as any, '');
    Object.defineProperty(this, APP_SYMBOL, { value: true });
    this.outdir = props.outdir ?? process.env.CDK_OUTDIR ?? 'cdk.out';
    const fromEnv = process.env.CDK_CONTEXT_JSON ? (JSON.parse(process.env.CDK_CONTEXT_JSON) as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries({ ...fromEnv, ...(props.context ?? {}) })) this.node.setContext(k, v);
    const autoSynth = props.autoSynth ?? process.env.CDK_OUTDIR !== undefined;
    if (autoSynth) process.once('beforeExit', () => { if (!this.assembly) this.synth(); });
  }

  /** Writes the cloud assembly (once; again with `force`) and returns it. */
  public synth(options: StageSynthesisOptions = {}): CloudAssembly {
    if (this.assembly && !options.force) return this.assembly;
    this.assembly = synthesize(this, this.outdir, { validate: options.skipValidation !== true && options.validateOnSynthesis !== false });
    return this.assembly;
  }
}

/** Synthesizes every stack under `root` into `outdir`. */
export function synthesize(root: IConstruct, outdir: string, options: { validate: boolean }): CloudAssembly {
  invokeAspects(root);
  applyConstructDependencies(root);
  if (options.validate) validateTree(root);
  const builder = new CloudAssemblyBuilder(outdir);
  const stacks = root.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  for (const stack of stacks) stack.synthesizer.synthesize({ assembly: builder, outdir: builder.outdir });
  reportAnnotations(root);
  return builder.build();
}

/**
 * `a.node.addDependency(b)` between constructs becomes DependsOn from every CfnResource under
 * `a` to every CfnResource under `b` (same stack).
 */
function applyConstructDependencies(root: IConstruct): void {
  for (const source of root.node.findAll()) {
    for (const target of source.node.dependencies) {
      const sources = source.node.findAll().filter(CfnResource.isCfnResource);
      const targets = target.node.findAll().filter(CfnResource.isCfnResource);
      for (const s of sources) {
        for (const t of targets) {
          if (s !== t && s.stack === t.stack) s.addResourceDependency(t);
          else if (s.stack !== t.stack) s.stack.addStackDependency(t.stack);
        }
      }
    }
  }
}

function validateTree(root: IConstruct): void {
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    for (const message of c.node.validate()) errors.push(`[${c.node.path}] ${message}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

function reportAnnotations(root: IConstruct): void {
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === ANNOTATION_TYPES.error) errors.push(`[Error at /${c.node.path}] ${String(m.data)}`);
    }
  }
  if (errors.length > 0 && process.env.WSGATE_QUIET_ANNOTATIONS === undefined) {
    for (const e of errors) console.error(e);
  }
}
