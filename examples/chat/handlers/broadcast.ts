// Sends a message to everyone in the chat through API Gateway's @connections API, with the real
// @aws-sdk/client-apigatewaymanagementapi and the endpoint AWS's samples use:
// https://{domainName}/{stage} of the event. A connection that is gone leaves the table.
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { everyone, removePerson } from './people.js';
import type { RequestContext, ServerMessage } from './protocol.js';

/** One management client per endpoint, kept for the function instance's life. */
const clients = new Map<string, ApiGatewayManagementApiClient>();

function managementApi({ domainName, stage }: RequestContext): ApiGatewayManagementApiClient {
  const endpoint = `https://${domainName}/${stage}`;
  let client = clients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  return client;
}

/** Posts `message` to every connection in the table but `except`; failures other than gone connections are logged. */
export async function broadcast(context: RequestContext, message: ServerMessage, except?: string): Promise<void> {
  const api = managementApi(context);
  const data = JSON.stringify(message);
  const recipients = (await everyone()).filter((person) => person.connectionId !== except);
  await Promise.all(recipients.map(async ({ connectionId }) => {
    try {
      await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    } catch (e) {
      if (e instanceof GoneException) await removePerson(connectionId);
      else console.error(`cannot post to ${connectionId}: ${(e as Error).name}: ${(e as Error).message}`);
    }
  }));
}
