// The table of people in the chat (one item per connection), through the DynamoDB document client.
// The client is built once per function instance with no endpoint, as production code builds it:
// on AWS it reaches DynamoDB, under wsgate the local table (the gateway sets the endpoint).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from './protocol.js';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

/** Stores a person. */
export async function addPerson(person: Person): Promise<void> {
  await ddb.send(new PutCommand({ TableName, Item: { ...person } }));
}

/** Removes the person of a connection; answers who it was (undefined when there was no one). */
export async function removePerson(connectionId: string): Promise<Person | undefined> {
  const { Attributes } = await ddb.send(new DeleteCommand({ TableName, Key: { connectionId }, ReturnValues: 'ALL_OLD' }));
  return Attributes as Person | undefined;
}

/** The person of a connection, if it is in the table. */
export async function findPerson(connectionId: string): Promise<Person | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName, Key: { connectionId } }));
  return Item as Person | undefined;
}

/** Everyone in the chat, in the order they joined. */
export async function everyone(): Promise<Person[]> {
  const people: Person[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName, ExclusiveStartKey }));
    people.push(...(page.Items ?? []) as Person[]);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return people.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.connectionId.localeCompare(b.connectionId));
}
