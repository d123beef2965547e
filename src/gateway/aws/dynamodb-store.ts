/**
 * The local DynamoDB-compatible table store: dynalite (an implementation of DynamoDB's API on
 * LevelDB, https://github.com/architect/dynalite), listening on 127.0.0.1 on a free port, with the
 * template's tables created from their key schemas and indexes. Handlers do not call it directly:
 * the IAM proxy (dynamodb-proxy.ts) stands in front of it.
 *
 * - In memory by default (memory-level); with `path`, kept in a LevelDB directory (classic-level),
 *   and a second gateway on the same directory is refused with a clear error rather than failing
 *   on its first request. classic-level is a native module: its npm package ships prebuilt
 *   binaries (Linux, macOS, Windows; x64 and arm64), loaded at run time without install scripts.
 *   dynalite loads it even in memory mode, so a platform without a prebuilt binary gets a
 *   `WSGATE_ERR_DYNAMODB_UNAVAILABLE` error naming the cause.
 * - Kept tables are reused when their key schema, attribute definitions, indexes and ARN are the
 *   template's; otherwise the table is replaced (deleted and created empty), as CloudFormation
 *   replaces a table whose key schema changes, with a warning line. dynalite cannot add or remove
 *   a global index of an existing table, so an index change replaces the table too. Tables of the
 *   directory that the template no longer has are left alone.
 * - Table and index ARNs are the model's (`arn:aws:dynamodb:{region}:{account}:table/{name}`):
 *   dynalite reads the account and region from the environment once, when the store is created,
 *   and the store sets them for that moment. dynalite writes the `aws` partition in ARNs.
 * - What dynalite does not do: item expiry (a table's TTL attribute is kept, items do not expire),
 *   streams, transactions and PartiQL (see {@link STORE_OPERATIONS}), throughput limits. Tables are
 *   ACTIVE at once.
 */
import { mkdirSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { ModelEnvironment, SecondaryIndexModel, TableModel } from '../../model/gateway-model.js';
import { LOCAL_AWS_ERROR_CODES, LocalAwsError } from './local-aws-errors.js';

/** The DynamoDB operations dynalite 4 implements; the proxy answers the others with a clear error. */
export const STORE_OPERATIONS: readonly string[] = [
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable', 'DescribeTimeToLive',
  'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
];

export interface DynamoDbStoreOptions {
  readonly tables: readonly TableModel[];
  readonly environment: Pick<ModelEnvironment, 'region' | 'account'>;
  /** The directory the tables are kept in. @default - in memory */
  readonly path?: string;
  /** Where the warning about a replaced table goes. */
  readonly warn: (message: string) => void;
}

interface DynaliteOptions {
  readonly path?: string;
  readonly createTableMs?: number;
  readonly deleteTableMs?: number;
  readonly updateTableMs?: number;
}

type Dynalite = (options: DynaliteOptions) => Server;

/** The description of a table as DynamoDB's DescribeTable gives it (the members compared here). */
interface TableDescription {
  readonly TableArn?: string;
  readonly TableStatus?: string;
  readonly KeySchema?: unknown;
  readonly AttributeDefinitions?: ReadonlyArray<{ AttributeName: string; AttributeType: string }>;
  readonly GlobalSecondaryIndexes?: readonly IndexDescription[];
  readonly LocalSecondaryIndexes?: readonly IndexDescription[];
}

interface IndexDescription {
  readonly IndexName: string;
  readonly KeySchema: unknown;
  readonly Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

/** A DynamoDB error answered to one of the store's own calls. */
class StoreCallError extends Error {
  constructor(public readonly type: string, message: string) {
    super(message);
  }
}

const WAIT_STEP_MS = 5;
const WAIT_LIMIT_MS = 10_000;

/** A running table store. */
export class DynamoDbStore {
  /** Starts dynalite and creates (or reuses) the tables. */
  public static async start(options: DynamoDbStoreOptions): Promise<DynamoDbStore> {
    const dynalite = loadDynalite();
    if (options.path) await checkStateDirectory(options.path);
    const server = withEnvironment({ AWS_ACCOUNT_ID: options.environment.account, AWS_REGION: options.environment.region },
      () => dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    const store = new DynamoDbStore(server);
    try {
      for (const table of options.tables) await store.setUp(table, options.warn);
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  /** `http://127.0.0.1:{port}`. */
  public readonly endpoint: string;
  private closed?: Promise<void>;

  private constructor(private readonly server: Server) {
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops the server and closes the database (written to disk when kept there). */
  public close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve, reject) => {
      this.server.close((e) => (e ? reject(e) : resolve()));
      this.server.closeAllConnections();
    });
    return this.closed;
  }

  /** Creates the table, reuses a kept one of the same shape, or replaces a kept one of another shape. */
  private async setUp(table: TableModel, warn: (message: string) => void): Promise<void> {
    const existing = await this.describe(table.tableName);
    if (existing && shapeOf(existing) === shapeOf(createTableInput(table), table.arn)) return;
    try {
      if (existing) {
        warn(`[wsgate] dynamodb: table ${table.tableName} (${table.key}) was kept with another key schema, indexes or ARN; it is replaced by an empty table, as CloudFormation replaces a table whose key schema changes`);
        await this.call('DeleteTable', { TableName: table.tableName });
        await this.waitFor(table.tableName, (d) => d === undefined);
      }
      await this.call('CreateTable', createTableInput(table));
      await this.waitFor(table.tableName, (d) => d?.TableStatus === 'ACTIVE');
    } catch (e) {
      if (!(e instanceof StoreCallError)) throw e;
      throw new LocalAwsError(LOCAL_AWS_ERROR_CODES.TABLE_SETUP, `the local DynamoDB store could not create table ${table.tableName} (${table.key}): ${e.type}: ${e.message}`);
    }
  }

  private async describe(tableName: string): Promise<TableDescription | undefined> {
    try {
      return ((await this.call('DescribeTable', { TableName: tableName })) as { Table: TableDescription }).Table;
    } catch (e) {
      if (e instanceof StoreCallError && e.type.endsWith('#ResourceNotFoundException')) return undefined;
      throw e;
    }
  }

  private async waitFor(tableName: string, done: (description: TableDescription | undefined) => boolean): Promise<void> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!done(await this.describe(tableName))) {
      if (Date.now() > deadline) throw new StoreCallError('wsgate#Timeout', `table ${tableName} did not reach the expected state in ${WAIT_LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  /**
   * One call of DynamoDB's JSON protocol. dynalite checks that a request is signed but not the
   * signature, so the store's own calls carry a signature of the right form with placeholder values.
   */
  private call(operation: string, input: unknown): Promise<unknown> {
    const body = JSON.stringify(input);
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    return new Promise((resolve, reject) => {
      const req = request(`${this.endpoint}/`, {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          'x-amz-date': date,
          authorization: `AWS4-HMAC-SHA256 Credential=wsgate/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
          'content-length': Buffer.byteLength(body),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            reject(new StoreCallError('wsgate#InvalidResponse', `${operation} answered ${res.statusCode} with ${text.slice(0, 200)}`));
            return;
          }
          if (res.statusCode === 200) resolve(parsed);
          else reject(new StoreCallError(String(parsed.__type ?? res.statusCode), String(parsed.message ?? parsed.Message ?? '')));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The CreateTable request of a table of the model. */
function createTableInput(table: TableModel): TableDescription & Record<string, unknown> {
  const keySchema = (elements: TableModel['keySchema']) => elements.map((e) => ({ AttributeName: e.attributeName, KeyType: e.keyType }));
  const throughput = (t: TableModel['provisionedThroughput']) => (t ? { ProvisionedThroughput: { ReadCapacityUnits: t.readCapacityUnits, WriteCapacityUnits: t.writeCapacityUnits } } : {});
  const index = (i: SecondaryIndexModel) => ({
    IndexName: i.indexName,
    KeySchema: keySchema(i.keySchema),
    Projection: { ProjectionType: i.projection.projectionType, ...(i.projection.nonKeyAttributes ? { NonKeyAttributes: [...i.projection.nonKeyAttributes] } : {}) },
    ...throughput(i.provisionedThroughput),
  });
  return {
    TableName: table.tableName,
    KeySchema: keySchema(table.keySchema),
    AttributeDefinitions: table.attributeDefinitions.map((d) => ({ AttributeName: d.attributeName, AttributeType: d.attributeType })),
    BillingMode: table.billingMode,
    ...throughput(table.provisionedThroughput),
    ...(table.globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(index) } : {}),
    ...(table.localSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: table.localSecondaryIndexes.map(index) } : {}),
  };
}

/** What must match for a kept table to be reused, as one comparable string. */
function shapeOf(description: TableDescription, arn = description.TableArn): string {
  const indexes = (list: readonly IndexDescription[] | undefined) => [...(list ?? [])]
    .map((i) => ({
      name: i.IndexName,
      keys: i.KeySchema,
      projection: i.Projection?.ProjectionType ?? 'ALL',
      nonKey: [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify({
    arn,
    keys: description.KeySchema,
    attributes: [...(description.AttributeDefinitions ?? [])].map((d) => `${d.AttributeName}:${d.AttributeType}`).sort(),
    global: indexes(description.GlobalSecondaryIndexes),
    local: indexes(description.LocalSecondaryIndexes),
  });
}

/** dynalite, loaded on first use: gateways whose templates have no table never load it (nor its native LevelDB binding). */
function loadDynalite(): Dynalite {
  try {
    return createRequire(import.meta.url)('dynalite') as Dynalite;
  } catch (e) {
    throw new LocalAwsError(LOCAL_AWS_ERROR_CODES.STORE_UNAVAILABLE,
      `the local DynamoDB store (dynalite) cannot be loaded: ${(e as Error).message}. It needs classic-level's prebuilt LevelDB binary for ${process.platform}-${process.arch}`);
  }
}

/** Opens and closes the LevelDB directory once, so a directory in use or unreadable fails here with a clear message. */
async function checkStateDirectory(path: string): Promise<void> {
  mkdirSync(path, { recursive: true });
  const { ClassicLevel } = await import('classic-level');
  const db = new ClassicLevel(path);
  try {
    await db.open();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code === 'LEVEL_LOCKED' ? 'it is in use by another process (another wsgate serving the same state directory?)' : (cause?.message ?? (e as Error).message);
    throw new LocalAwsError(LOCAL_AWS_ERROR_CODES.STATE_IN_USE, `the DynamoDB tables kept in ${path} cannot be opened: ${reason}`);
  }
  await db.close();
}

/** Runs `fn` with the given variables set in this process's environment, then restores them. */
function withEnvironment<T>(variables: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(variables).map((k) => [k, process.env[k]]));
  Object.assign(process.env, variables);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
