/** The settings of a table that are values rather than structure: billing, class, encryption, streams. */

/** How the table's reads and writes are paid for. */
export enum BillingMode {
  /** On demand: pay per request. */
  PAY_PER_REQUEST = 'PAY_PER_REQUEST',
  /** Provisioned read and write capacity. */
  PROVISIONED = 'PROVISIONED',
}

/** The storage class of a table. */
export enum TableClass {
  /** The default class. */
  STANDARD = 'STANDARD',
  /** Cheaper storage, dearer reads and writes. */
  STANDARD_INFREQUENT_ACCESS = 'STANDARD_INFREQUENT_ACCESS',
}

/** Which key encrypts the table at rest. */
export enum TableEncryption {
  /** A key DynamoDB owns (no KMS charges). */
  DEFAULT = 'AWS_OWNED',
  /** A KMS key of the account's own (not supported by wsgate, which has no aws-kms module). */
  CUSTOMER_MANAGED = 'CUSTOMER_MANAGED',
  /** The AWS managed KMS key `alias/aws/dynamodb`. */
  AWS_MANAGED = 'AWS_MANAGED',
}

/** What a DynamoDB stream record holds. */
export enum StreamViewType {
  /** The item after the change. */
  NEW_IMAGE = 'NEW_IMAGE',
  /** The item before the change. */
  OLD_IMAGE = 'OLD_IMAGE',
  /** The item before and after the change. */
  NEW_AND_OLD_IMAGES = 'NEW_AND_OLD_IMAGES',
  /** Only the key attributes of the changed item. */
  KEYS_ONLY = 'KEYS_ONLY',
}

/** What CloudWatch Contributor Insights records. */
export enum ContributorInsightsMode {
  /** Most accessed and most throttled keys. */
  ACCESSED_AND_THROTTLED_KEYS = 'ACCESSED_AND_THROTTLED_KEYS',
  /** Most throttled keys only. */
  THROTTLED_KEYS = 'THROTTLED_KEYS',
}

/** Contributor Insights for a table or index. */
export interface ContributorInsightsSpecification {
  /** Whether Contributor Insights is on. */
  readonly enabled: boolean;
  /** What is recorded. @default ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS */
  readonly mode?: ContributorInsightsMode;
}

/** Point-in-time recovery of a table. */
export interface PointInTimeRecoverySpecification {
  /** Whether point-in-time recovery is on. */
  readonly pointInTimeRecoveryEnabled: boolean;
  /** How many days back the table can be restored (1-35). @default 35 */
  readonly recoveryPeriodInDays?: number;
}

/** Throughput a table or index is pre-warmed to. */
export interface WarmThroughput {
  /** Reads per second. @default - none */
  readonly readUnitsPerSecond?: number;
  /** Writes per second. @default - none */
  readonly writeUnitsPerSecond?: number;
}
