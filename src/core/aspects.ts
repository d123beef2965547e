/**
 * Aspects: visitors applied to every construct below the scope they were added to, at synthesis.
 * Tags are implemented as aspects.
 */
import type { IConstruct } from 'constructs';

export interface IAspect {
  visit(node: IConstruct): void;
}

export interface AspectOptions {
  /** Lower runs first. @default AspectPriority.DEFAULT */
  readonly priority?: number;
}

export class AspectPriority {
  public static readonly MUTATING = 200;
  public static readonly READONLY = 1000;
  public static readonly DEFAULT = 500;
  private constructor() {}
}

export interface AspectApplication {
  readonly aspect: IAspect;
  readonly priority: number;
}

const ASPECTS = Symbol.for('wsgate/core.Aspects');

export class Aspects {
  /** The aspects of a construct. */
  public static of(scope: IConstruct): Aspects {
    const holder = scope as unknown as Record<symbol, Aspects | undefined>;
    let aspects = holder[ASPECTS];
    if (!aspects) {
      aspects = new Aspects();
      Object.defineProperty(scope, ASPECTS, { value: aspects, enumerable: false });
    }
    return aspects;
  }

  private readonly list: AspectApplication[] = [];

  private constructor() {}

  public add(aspect: IAspect, options: AspectOptions = {}): void {
    this.list.push({ aspect, priority: options.priority ?? AspectPriority.DEFAULT });
  }

  /** The aspects added here, in order of addition. */
  public get all(): IAspect[] {
    return this.list.map((a) => a.aspect);
  }

  public get applied(): AspectApplication[] {
    return [...this.list];
  }
}

/**
 * Applies every aspect to every construct below where it was added, ancestors' aspects first and
 * by priority, until no new aspect appears (an aspect may add constructs or aspects).
 */
export function invokeAspects(root: IConstruct): void {
  const done = new WeakMap<IConstruct, Set<IAspect>>();
  for (let round = 0; round < 100; round++) {
    let applied = 0;
    const visit = (construct: IConstruct, inherited: AspectApplication[]) => {
      const all = [...inherited, ...Aspects.of(construct).applied];
      const ordered = all.map((a, i) => ({ a, i })).sort((x, y) => x.a.priority - y.a.priority || x.i - y.i).map((x) => x.a);
      let seen = done.get(construct);
      if (!seen) {
        seen = new Set();
        done.set(construct, seen);
      }
      for (const { aspect } of ordered) {
        if (seen.has(aspect)) continue;
        aspect.visit(construct);
        seen.add(aspect);
        applied++;
      }
      for (const child of construct.node.children) visit(child, all);
    };
    visit(root, []);
    if (applied === 0) return;
  }
  throw new Error('Aspects kept adding aspects or constructs after 100 rounds');
}
