/** The options of global and local secondary indexes. */
import type { Attribute, SchemaOptions } from './attribute.js';
import type { ContributorInsightsSpecification, WarmThroughput } from './table-settings.js';

/** Which attributes an index copies from the table. */
export enum ProjectionType {
  /** Only the table's and the index's key attributes. */
  KEYS_ONLY = 'KEYS_ONLY',
  /** The key attributes and the listed non-key attributes. */
  INCLUDE = 'INCLUDE',
  /** Every attribute. */
  ALL = 'ALL',
}

/** What every secondary index has. */
export interface SecondaryIndexProps {
  /** The index's name (unique in the table). */
  readonly indexName: string;
  /** Which attributes the index holds. @default ProjectionType.ALL */
  readonly projectionType?: ProjectionType;
  /** The non-key attributes of an `INCLUDE` projection. @default - none */
  readonly nonKeyAttributes?: string[];
}

/** A global secondary index: a key of its own, with its own capacity. */
export interface GlobalSecondaryIndexProps extends SecondaryIndexProps, SchemaOptions {
  /** A multi-attribute partition key (instead of `partitionKey`). @default - none */
  readonly partitionKeys?: Attribute[];
  /** A multi-attribute sort key (instead of `sortKey`). @default - none */
  readonly sortKeys?: Attribute[];
  /** Read capacity units of a provisioned table's index. @default 5 */
  readonly readCapacity?: number;
  /** Write capacity units of a provisioned table's index. @default 5 */
  readonly writeCapacity?: number;
  /** Most read request units of an on-demand table's index. @default - no limit */
  readonly maxReadRequestUnits?: number;
  /** Most write request units of an on-demand table's index. @default - no limit */
  readonly maxWriteRequestUnits?: number;
  /** Pre-warmed throughput. @default - none */
  readonly warmThroughput?: WarmThroughput;
  /**
   * Whether Contributor Insights is on for the index.
   *
   * @deprecated use `contributorInsightsSpecification` instead
   * @default false
   */
  readonly contributorInsightsEnabled?: boolean;
  /** Contributor Insights for the index. @default - disabled */
  readonly contributorInsightsSpecification?: ContributorInsightsSpecification;
}

/** A local secondary index: the table's partition key with another sort key. */
export interface LocalSecondaryIndexProps extends SecondaryIndexProps {
  /** The index's sort key. */
  readonly sortKey: Attribute;
}
