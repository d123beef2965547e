// The broadcast benchmark's handler, written as production code is: `whoami` answers the caller's
// connection id (two-way); `broadcast` posts `data` to every id in `ids` through the AWS SDK's
// management API client, at the endpoint built from the event, as AWS's samples do.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

interface Event {
  readonly body?: string;
  readonly requestContext: { readonly domainName: string; readonly stage: string; readonly connectionId: string; readonly routeKey: string };
}

let client: ApiGatewayManagementApiClient | undefined;

export const handler = async (event: Event): Promise<{ statusCode: number; body?: string }> => {
  const ctx = event.requestContext;
  if (ctx.routeKey === 'whoami') return { statusCode: 200, body: ctx.connectionId };
  const { ids, data } = JSON.parse(event.body ?? '{}') as { ids: string[]; data: string };
  client ??= new ApiGatewayManagementApiClient({ endpoint: `https://${ctx.domainName}/${ctx.stage}` });
  const payload = Buffer.from(data);
  const results = await Promise.allSettled(ids.map((id) => client!.send(new PostToConnectionCommand({ ConnectionId: id, Data: payload }))));
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed > 0) console.error(`broadcast: ${failed} of ${ids.length} posts failed: ${String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)}`);
  return { statusCode: 200 };
};
