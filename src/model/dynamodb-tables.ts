/**
 * DynamoDB tables of the templates → TableModel: each `AWS::DynamoDB::Table` with its physical name
 * (the value of its `Ref`), its ARN (its `Fn::GetAtt Arn`), key schema, attribute definitions,
 * secondary indexes, billing mode, time-to-live attribute and stream, for the gateway's local
 * table store to create.
 *
 * What CloudFormation (or DynamoDB's CreateTable) would refuse is a ModelError here, before any
 * socket opens: a key schema without one partition key first, a key attribute without a
 * definition or a definition no key uses, a PROVISIONED table or global index without throughput,
 * a local index on a table without a sort key, two indexes of one name, an invalid table name, and
 * two tables of one name in the served stacks (table names are unique in an account and region).
 * `AWS::DynamoDB::GlobalTable` (aws-cdk-lib's TableV2) is not read.
 */
import type {
  AttributeDefinitionModel, KeySchemaElementModel, ModelEnvironment, SecondaryIndexModel, TableModel, ThroughputModel,
} from './gateway-model.js';
import type { TemplateSource } from './load-template.js';
import { ModelError } from './model-error.js';
import { TemplateEvaluator } from './template-evaluator.js';

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const ATTRIBUTE_TYPES = ['S', 'N', 'B'] as const;
const PROJECTION_TYPES = ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const;

/** Reads every `AWS::DynamoDB::Table` of the given stacks, keyed `<stack>/<logicalId>`. */
export function readDynamoDbTables(sources: readonly TemplateSource[], env: ModelEnvironment): Map<string, TableModel> {
  const tables = new Map<string, TableModel>();
  const byName = new Map<string, TableModel>();
  for (const source of sources) {
    const ev = new TemplateEvaluator(source.template, source.stackName, env, source.parameters);
    for (const [logicalId, r] of ev.activeResources()) {
      if (r.Type !== 'AWS::DynamoDB::Table') continue;
      const table = new TableReader(ev, logicalId, r.Properties ?? {}).read();
      const clash = byName.get(table.tableName);
      if (clash) throw new ModelError(source.stackName, logicalId, 'TableName', `table name '${table.tableName}' is also the name of ${clash.key}`);
      byName.set(table.tableName, table);
      tables.set(table.key, table);
    }
  }
  return tables;
}

/** Reads one table's properties, failing with CloudFormation's reasons. */
class TableReader {
  private readonly stackName: string;

  constructor(private readonly ev: TemplateEvaluator, private readonly logicalId: string, private readonly props: Record<string, unknown>) {
    this.stackName = ev.stackName;
  }

  public read(): TableModel {
    const { logicalId } = this;
    const tableName = this.ev.physicalId(logicalId);
    if (!TABLE_NAME.test(tableName)) this.fail('TableName', `'${tableName}' is not a valid table name (3 to 255 letters, digits, '_', '-' and '.')`);
    const billing = this.value('BillingMode') ?? 'PROVISIONED';
    if (billing !== 'PROVISIONED' && billing !== 'PAY_PER_REQUEST') this.fail('BillingMode', `must be PROVISIONED or PAY_PER_REQUEST, got ${JSON.stringify(billing)}`);
    const provisioned = billing === 'PROVISIONED';
    const keySchema = this.keySchema(this.value('KeySchema'), 'KeySchema');
    const attributeDefinitions = this.attributeDefinitions();
    const globalSecondaryIndexes = this.indexes('GlobalSecondaryIndexes', provisioned);
    const localSecondaryIndexes = this.indexes('LocalSecondaryIndexes', false);
    this.checkIndexes(keySchema, globalSecondaryIndexes, localSecondaryIndexes);
    this.checkDefinitions(attributeDefinitions, [keySchema, ...globalSecondaryIndexes.map((i) => i.keySchema), ...localSecondaryIndexes.map((i) => i.keySchema)]);
    const throughput = this.value('ProvisionedThroughput');
    if (provisioned && throughput === undefined) this.fail('ProvisionedThroughput', 'is required when BillingMode is PROVISIONED');
    const ttl = this.object(this.value('TimeToLiveSpecification'), 'TimeToLiveSpecification');
    const streamViewType = this.object(this.value('StreamSpecification'), 'StreamSpecification')?.StreamViewType;
    return {
      key: `${this.stackName}/${logicalId}`,
      stackName: this.stackName,
      logicalId,
      tableName,
      arn: String(this.ev.evaluate({ 'Fn::GetAtt': [logicalId, 'Arn'] })),
      keySchema,
      attributeDefinitions,
      globalSecondaryIndexes,
      localSecondaryIndexes,
      billingMode: billing,
      provisionedThroughput: provisioned ? this.throughput(throughput, 'ProvisionedThroughput') : undefined,
      timeToLiveAttribute: ttl && (ttl.Enabled === true || ttl.Enabled === 'true') && typeof ttl.AttributeName === 'string' ? ttl.AttributeName : undefined,
      stream: typeof streamViewType === 'string'
        ? { viewType: streamViewType, arn: String(this.ev.evaluate({ 'Fn::GetAtt': [logicalId, 'StreamArn'] })) }
        : undefined,
    };
  }

  private fail(property: string, reason: string): never {
    throw new ModelError(this.stackName, this.logicalId, property, reason);
  }

  private value(property: string): unknown {
    return this.ev.evaluate(this.props[property], { logicalId: this.logicalId, property });
  }

  private object(value: unknown, property: string): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(property, 'must be an object');
    return value as Record<string, unknown>;
  }

  private list(value: unknown, property: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(property, 'must be a list');
    return value;
  }

  /** A key schema: the partition key (HASH) first, then at most one sort key (RANGE). */
  private keySchema(value: unknown, property: string): KeySchemaElementModel[] {
    const raw = this.list(value, property);
    if (raw.length < 1 || raw.length > 2) this.fail(property, `must have one or two elements (a partition key, then a sort key), got ${raw.length}`);
    const elements = raw.map((e, i) => {
      const o = this.object(e, `${property}[${i}]`) ?? {};
      if (typeof o.AttributeName !== 'string' || o.AttributeName === '') this.fail(`${property}[${i}].AttributeName`, 'is required');
      if (o.KeyType !== 'HASH' && o.KeyType !== 'RANGE') this.fail(`${property}[${i}].KeyType`, `must be HASH or RANGE, got ${JSON.stringify(o.KeyType)}`);
      return { attributeName: o.AttributeName, keyType: o.KeyType } as KeySchemaElementModel;
    });
    if (elements[0].keyType !== 'HASH') this.fail(property, 'the first element must be the partition key (KeyType HASH)');
    if (elements[1] && elements[1].keyType !== 'RANGE') this.fail(property, 'the second element must be the sort key (KeyType RANGE)');
    return elements;
  }

  private attributeDefinitions(): AttributeDefinitionModel[] {
    const seen = new Set<string>();
    return this.list(this.value('AttributeDefinitions'), 'AttributeDefinitions').map((d, i) => {
      const where = `AttributeDefinitions[${i}]`;
      const o = this.object(d, where) ?? {};
      if (typeof o.AttributeName !== 'string' || o.AttributeName === '') this.fail(`${where}.AttributeName`, 'is required');
      if (!ATTRIBUTE_TYPES.includes(o.AttributeType as 'S')) this.fail(`${where}.AttributeType`, `must be S, N or B, got ${JSON.stringify(o.AttributeType)}`);
      if (seen.has(o.AttributeName)) this.fail(where, `attribute '${o.AttributeName}' is defined twice`);
      seen.add(o.AttributeName);
      return { attributeName: o.AttributeName, attributeType: o.AttributeType as AttributeDefinitionModel['attributeType'] };
    });
  }

  private indexes(property: 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes', provisioned: boolean): SecondaryIndexModel[] {
    return this.list(this.value(property), property).map((raw, i) => {
      const where = `${property}[${i}]`;
      const o = this.object(raw, where) ?? {};
      if (typeof o.IndexName !== 'string' || o.IndexName === '') this.fail(`${where}.IndexName`, 'is required');
      const projection = this.object(o.Projection, `${where}.Projection`);
      if (!projection) this.fail(`${where}.Projection`, 'is required');
      const projectionType = projection.ProjectionType ?? 'ALL';
      if (!PROJECTION_TYPES.includes(projectionType as 'ALL')) this.fail(`${where}.Projection.ProjectionType`, `must be ALL, KEYS_ONLY or INCLUDE, got ${JSON.stringify(projectionType)}`);
      const nonKeyAttributes = projection.NonKeyAttributes === undefined ? undefined
        : this.list(projection.NonKeyAttributes, `${where}.Projection.NonKeyAttributes`).map(String);
      if (provisioned && o.ProvisionedThroughput === undefined) this.fail(`${where}.ProvisionedThroughput`, 'is required for a global index of a PROVISIONED table');
      return {
        indexName: o.IndexName,
        keySchema: this.keySchema(o.KeySchema, `${where}.KeySchema`),
        projection: { projectionType: projectionType as SecondaryIndexModel['projection']['projectionType'], ...(nonKeyAttributes ? { nonKeyAttributes } : {}) },
        ...(provisioned ? { provisionedThroughput: this.throughput(o.ProvisionedThroughput, `${where}.ProvisionedThroughput`) } : {}),
      };
    });
  }

  private checkIndexes(keySchema: readonly KeySchemaElementModel[], global: readonly SecondaryIndexModel[], local: readonly SecondaryIndexModel[]): void {
    const names = new Set<string>();
    for (const index of [...global, ...local]) {
      if (names.has(index.indexName)) this.fail('GlobalSecondaryIndexes', `two indexes are named '${index.indexName}'`);
      names.add(index.indexName);
    }
    for (const index of local) {
      if (keySchema.length < 2) this.fail('LocalSecondaryIndexes', `local index '${index.indexName}' needs a table with a sort key`);
      if (index.keySchema.length < 2 || index.keySchema[0].attributeName !== keySchema[0].attributeName) {
        this.fail('LocalSecondaryIndexes', `local index '${index.indexName}' must have the table's partition key '${keySchema[0].attributeName}' and a sort key`);
      }
    }
  }

  /** DynamoDB's rule: the definitions are exactly the attributes the key schemas use. */
  private checkDefinitions(definitions: readonly AttributeDefinitionModel[], schemas: ReadonlyArray<readonly KeySchemaElementModel[]>): void {
    const defined = new Set(definitions.map((d) => d.attributeName));
    const used = new Set(schemas.flatMap((s) => s.map((e) => e.attributeName)));
    const undefinedKeys = [...used].filter((name) => !defined.has(name));
    if (undefinedKeys.length > 0) this.fail('AttributeDefinitions', `key attribute(s) ${undefinedKeys.map((n) => `'${n}'`).join(', ')} are not defined`);
    const unused = [...defined].filter((name) => !used.has(name));
    if (unused.length > 0) this.fail('AttributeDefinitions', `attribute(s) ${unused.map((n) => `'${n}'`).join(', ')} are defined but no key schema of the table or its indexes uses them`);
  }

  private throughput(value: unknown, property: string): ThroughputModel {
    const o = this.object(value, property) ?? {};
    const units = (field: string) => {
      const n = Number(o[field]);
      if (!Number.isInteger(n) || n < 1) this.fail(`${property}.${field}`, `must be a positive integer, got ${JSON.stringify(o[field])}`);
      return n;
    };
    return { readCapacityUnits: units('ReadCapacityUnits'), writeCapacityUnits: units('WriteCapacityUnits') };
  }
}
