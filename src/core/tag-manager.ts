/**
 * Tags of one taggable resource: set by priority (later and higher wins), rendered in the shape the
 * resource type wants (a `[{Key, Value}]` list or a `{key: value}` map), sorted by key.
 */
import { Lazy } from './lazy.js';

export enum TagType {
  STANDARD = 'StandardTag',
  AUTOSCALING_GROUP = 'AutoScalingGroupTag',
  MAP = 'StringToStringMap',
  KEY_VALUE = 'KeyValue',
  NOT_TAGGABLE = 'NotTaggable',
}

/** A resource with tags. */
export interface ITaggable {
  readonly tags: TagManager;
}

/** A resource whose tags are a property of its own (the L1s of newer resource types). */
export interface ITaggableV2 {
  readonly cdkTagManager: TagManager;
}

export interface TagManagerOptions {
  /** The name of the tags property. @default 'tags' */
  readonly tagPropertyName?: string;
}

interface Tag {
  readonly key: string;
  readonly value: string;
  readonly priority: number;
  readonly applyToLaunchedInstances: boolean;
}

/** Tags given in a resource's props rank below tags added with Tags.of(). */
const INITIAL_TAG_PRIORITY = 50;

export class TagManager {
  /** True if `x` carries a TagManager as `tags`. */
  public static isTaggable(x: unknown): x is ITaggable {
    const tags = (x as { tags?: unknown } | null)?.tags;
    return tags instanceof TagManager || (typeof tags === 'object' && tags !== null && TAG_MANAGER in tags);
  }

  /** True if `x` carries a TagManager as `cdkTagManager`. */
  public static isTaggableV2(x: unknown): x is ITaggableV2 {
    const tags = (x as { cdkTagManager?: unknown } | null)?.cdkTagManager;
    return typeof tags === 'object' && tags !== null && TAG_MANAGER in tags;
  }

  /** The TagManager of `x`, if it has one. */
  public static of(x: unknown): TagManager | undefined {
    if (TagManager.isTaggableV2(x)) return x.cdkTagManager;
    if (TagManager.isTaggable(x)) return x.tags;
    return undefined;
  }

  /** The tags as the resource renders them, for the `tags` property. */
  public readonly renderedTags: unknown;
  public readonly tagPropertyName: string;

  private readonly tags = new Map<string, Tag>();
  private readonly removed = new Map<string, number>();

  constructor(public readonly tagType: TagType, public readonly resourceTypeName: string, initialTags?: unknown, options: TagManagerOptions = {}) {
    Object.defineProperty(this, TAG_MANAGER, { value: true });
    this.tagPropertyName = options.tagPropertyName ?? 'tags';
    if (initialTags !== undefined) this.setInitialTags(initialTags);
    this.renderedTags = Lazy.any({ produce: () => this.renderTags() });
  }

  /** Sets a tag unless one with a higher priority set or removed it. */
  public setTag(key: string, value: string, priority = 0, applyToLaunchedInstances = true): void {
    if (!this.canWrite(key, priority)) return;
    this.tags.set(key, { key, value, priority, applyToLaunchedInstances });
  }

  /** Removes a tag unless one with a higher priority set it. */
  public removeTag(key: string, priority: number): void {
    if (!this.canWrite(key, priority)) return;
    this.tags.delete(key);
    this.removed.set(key, priority);
  }

  /** The tags in the shape of the resource type, or undefined when there are none. */
  public renderTags(): unknown {
    const tags = this.sortedTags();
    if (tags.length === 0) return undefined;
    switch (this.tagType) {
      case TagType.MAP:
        return Object.fromEntries(tags.map((t) => [t.key, t.value]));
      case TagType.AUTOSCALING_GROUP:
        return tags.map((t) => ({ Key: t.key, Value: t.value, PropagateAtLaunch: t.applyToLaunchedInstances }));
      case TagType.NOT_TAGGABLE:
        return undefined;
      default:
        return tags.map((t) => ({ Key: t.key, Value: t.value }));
    }
  }

  /** The tags as a plain key-value map. */
  public tagValues(): Record<string, string> {
    return Object.fromEntries(this.sortedTags().map((t) => [t.key, t.value]));
  }

  /** True if any tag is set. */
  public hasTags(): boolean {
    return this.tags.size > 0;
  }

  /** Whether a tag aspect with these filters applies to this resource. */
  public applyTagAspectHere(include?: string[], exclude?: string[]): boolean {
    if (exclude && exclude.length > 0 && exclude.includes(this.resourceTypeName)) return false;
    if (include && include.length > 0 && !include.includes(this.resourceTypeName)) return false;
    return true;
  }

  private canWrite(key: string, priority: number): boolean {
    const existing = this.tags.get(key);
    if (existing && existing.priority > priority) return false;
    const removedAt = this.removed.get(key);
    return !(removedAt !== undefined && removedAt > priority);
  }

  private sortedTags(): Tag[] {
    return [...this.tags.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  private setInitialTags(initial: unknown): void {
    if (Array.isArray(initial)) {
      for (const t of initial as Array<Record<string, unknown>>) {
        const key = (t.key ?? t.Key) as string;
        const value = (t.value ?? t.Value) as string;
        const launch = (t.propagateAtLaunch ?? t.PropagateAtLaunch) as boolean | undefined;
        this.setTag(key, value, INITIAL_TAG_PRIORITY, launch ?? true);
      }
    } else if (typeof initial === 'object' && initial !== null) {
      for (const [key, value] of Object.entries(initial as Record<string, string>)) this.setTag(key, value, INITIAL_TAG_PRIORITY);
    }
  }
}

const TAG_MANAGER = Symbol.for('wsgate/core.TagManager');
