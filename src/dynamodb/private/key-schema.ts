/** Checks shared by tables and indexes: the shape of a key schema, and Contributor Insights settings. */
import type { IConstruct } from 'constructs';
import { ValidationError } from '../../core/index.js';
import type { Attribute, KeySchema } from '../attribute.js';
import type { ContributorInsightsSpecification } from '../table-settings.js';

/** Key attributes given one at a time or as lists. */
export interface KeySchemaInput {
  readonly partitionKey?: Attribute;
  readonly partitionKeys?: Attribute[];
  readonly sortKey?: Attribute;
  readonly sortKeys?: Attribute[];
}

/** The most attributes a multi-attribute partition or sort key may have. */
const MAX_KEY_ATTRIBUTES = 4;

/** The key schema of `input`: exactly one partition key form, at most one sort key form, 1-4 attributes each. */
export function parseKeySchema(input: KeySchemaInput, scope: IConstruct): KeySchema {
  if ((input.partitionKey === undefined) === (input.partitionKeys === undefined)) {
    throw new ValidationError('ExactlyOnePartitionKey', "Exactly one of 'partitionKey', 'partitionKeys' must be specified", scope);
  }
  if (input.sortKey !== undefined && input.sortKeys !== undefined) {
    throw new ValidationError('AtMostOneSortKey', "At most one of 'sortKey', 'sortKeys' may be specified", scope);
  }
  const partitionKeys = input.partitionKeys ?? (input.partitionKey ? [input.partitionKey] : []);
  const sortKeys = input.sortKeys ?? (input.sortKey ? [input.sortKey] : []);
  if (partitionKeys.length === 0) {
    throw new ValidationError('PartitionKeysRequired', "'partitionKeys' must contain at least one element", scope);
  }
  if (partitionKeys.length > MAX_KEY_ATTRIBUTES) {
    throw new ValidationError('MaxPartitionKeysExceeded', `Maximum of ${MAX_KEY_ATTRIBUTES} partition keys allowed`, scope);
  }
  if (sortKeys.length > MAX_KEY_ATTRIBUTES) {
    throw new ValidationError('MaxSortKeysExceeded', `Maximum of ${MAX_KEY_ATTRIBUTES} sort keys allowed`, scope);
  }
  return { partitionKeys, sortKeys };
}

/**
 * The Contributor Insights setting from the current prop or the deprecated boolean one (named
 * `deprecatedName`); giving both is an error.
 */
export function contributorInsights(
  enabled: boolean | undefined,
  specification: ContributorInsightsSpecification | undefined,
  deprecatedName: string,
  scope: IConstruct,
): ContributorInsightsSpecification | undefined {
  if (specification !== undefined && enabled !== undefined) {
    throw new ValidationError('ContributorInsightsConflict',
      `\`contributorInsightsSpecification\` and \`${deprecatedName}\` are set. Use \`contributorInsightsSpecification\` only.`, scope);
  }
  return specification ?? (enabled !== undefined ? { enabled } : undefined);
}
