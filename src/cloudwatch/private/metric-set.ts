/**
 * The flat list of all metrics in some metric trees (math expressions reach their `usingMetrics`),
 * each metric once, with the id it is referred to by and its depth (1 for top-level metrics).
 */
import { UnscopedValidationError } from '../../core/index.js';
import type { IMetric } from '../metric-types.js';
import { metricKey } from './metric-util.js';

/** One metric of the set. */
export interface MetricEntry<A> {
  /** The metric. */
  readonly metric: IMetric;
  /** The tag given to it as a top-level metric, if it is one. */
  tag?: A;
  /** The id an expression refers to it by, if any. */
  id?: string;
  /** 1 for a top-level metric, one more per expression above it. */
  readonly level: number;
}

export class MetricSet<A> {
  private readonly metrics: Array<MetricEntry<A>> = [];
  private readonly byId = new Map<string, MetricEntry<A>>();
  private readonly byKey = new Map<string, MetricEntry<A>>();

  /** Adds top-level metrics (and everything below them), tagged with `tag`. */
  public addTopLevel(tag: A, ...metrics: IMetric[]): void {
    for (const metric of metrics) this.addOne(metric, 1, tag);
  }

  /** The metrics, in the order they were first reached. */
  public get entries(): ReadonlyArray<MetricEntry<A>> {
    return this.metrics;
  }

  private addOne(metric: IMetric, level: number, tag?: A, id?: string): void {
    const key = metricKey(metric);

    let existing: MetricEntry<A> | undefined;
    if (id) {
      existing = this.byId.get(id);
      if (existing && metricKey(existing.metric) !== key) {
        throw new UnscopedValidationError('CannotShareSameIdForDifferentMetrics',
          `Cannot have two different metrics share the same id ('${id}') in one Alarm or Graph. Rename one of them.`);
      }
    }
    if (!existing) {
      existing = this.byKey.get(key);
      // The same metric under two different ids stays two entries.
      if (existing?.id && id) existing = undefined;
    }

    let entry: MetricEntry<A>;
    if (existing) {
      entry = existing;
    } else {
      entry = { metric, level };
      this.metrics.push(entry);
      this.byKey.set(key, entry);
    }
    if (!entry.id && id) {
      entry.id = id;
      this.byId.set(id, entry);
    }
    if (!entry.tag && tag) entry.tag = tag;

    const conf = metric.toMetricConfig();
    if (conf.mathExpression) {
      for (const [subId, sub] of Object.entries(conf.mathExpression.usingMetrics)) this.addOne(sub, level + 1, undefined, subId);
    }
  }
}
