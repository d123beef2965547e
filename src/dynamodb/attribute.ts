/** Table and index keys: attributes with their types, and key schemas of one or more attributes. */

/** The type of a key attribute. */
export enum AttributeType {
  /** Binary (`B`). */
  BINARY = 'B',
  /** Number (`N`). */
  NUMBER = 'N',
  /** String (`S`). */
  STRING = 'S',
}

/** A key attribute: its name and type. */
export interface Attribute {
  /** The attribute's name. */
  readonly name: string;
  /** The attribute's type. */
  readonly type: AttributeType;
}

/** The key of a table or index: a partition key and an optional sort key. */
export interface SchemaOptions {
  /** The partition key. @default - none (a table requires one) */
  readonly partitionKey?: Attribute;
  /** The sort key. @default - no sort key */
  readonly sortKey?: Attribute;
}

/** A key schema with every attribute of the partition and sort keys (multi-attribute keys have several). */
export interface KeySchema {
  /** The partition key attributes, in order. */
  readonly partitionKeys: Attribute[];
  /** The sort key attributes, in order; empty without a sort key. */
  readonly sortKeys: Attribute[];
}
