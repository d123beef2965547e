/** `Tags.of(scope).add(key, value)`: tags every taggable resource below a scope, by aspect. */
import type { IConstruct } from 'constructs';
import { Aspects, AspectPriority, type IAspect } from './aspects.js';
import { TagManager } from './tag-manager.js';

export interface TagProps {
  /** Tag instances launched by an Auto Scaling group too. @default true */
  readonly applyToLaunchedInstances?: boolean;
  /** Only these resource types. @default - all */
  readonly includeResourceTypes?: string[];
  /** Not these resource types. @default - none */
  readonly excludeResourceTypes?: string[];
  /** Higher wins; Tag defaults to 100, RemoveTag to 200. */
  readonly priority?: number;
}

abstract class TagBase implements IAspect {
  constructor(public readonly key: string, protected readonly props: TagProps) {}

  public visit(construct: IConstruct): void {
    const tags = TagManager.of(construct);
    if (tags) this.apply(tags);
  }

  protected abstract apply(tags: TagManager): void;
}

/** Sets one tag. */
export class Tag extends TagBase {
  /** @deprecated use Tags.of(scope).add() */
  public static add(scope: IConstruct, key: string, value: string, props: TagProps = {}): void {
    Tags.of(scope).add(key, value, props);
  }

  /** @deprecated use Tags.of(scope).remove() */
  public static remove(scope: IConstruct, key: string, props: TagProps = {}): void {
    Tags.of(scope).remove(key, props);
  }

  private readonly defaultPriority = 100;

  constructor(key: string, public readonly value: string, props: TagProps = {}) {
    super(key, props);
    if (value === undefined) throw new Error('Tag must have a value');
  }

  protected apply(tags: TagManager): void {
    if (!tags.applyTagAspectHere(this.props.includeResourceTypes, this.props.excludeResourceTypes)) return;
    tags.setTag(this.key, this.value, this.props.priority ?? this.defaultPriority, this.props.applyToLaunchedInstances !== false);
  }
}

/** Removes one tag. */
export class RemoveTag extends TagBase {
  private readonly defaultPriority = 200;

  protected apply(tags: TagManager): void {
    if (!tags.applyTagAspectHere(this.props.includeResourceTypes, this.props.excludeResourceTypes)) return;
    tags.removeTag(this.key, this.props.priority ?? this.defaultPriority);
  }
}

export class Tags {
  public static of(scope: IConstruct): Tags {
    return new Tags(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  public add(key: string, value: string, props: TagProps = {}): void {
    Aspects.of(this.scope).add(new Tag(key, value, props), { priority: AspectPriority.MUTATING });
  }

  public remove(key: string, props: TagProps = {}): void {
    Aspects.of(this.scope).add(new RemoveTag(key, props), { priority: AspectPriority.MUTATING });
  }
}
