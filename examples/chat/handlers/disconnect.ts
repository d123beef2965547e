// $disconnect: removes the person and tells everyone else that they left.
import { broadcast } from './broadcast.js';
import { removePerson } from './people.js';
import type { HandlerResult, WebSocketEvent } from './protocol.js';

export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const person = await removePerson(event.requestContext.connectionId);
  if (person) {
    const leftAt = new Date(event.requestContext.requestTimeEpoch).toISOString();
    await broadcast(event.requestContext, { type: 'left', person, leftAt });
  }
  return { statusCode: 200 };
};
