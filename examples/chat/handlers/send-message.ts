// sendMessage: `{"action":"sendMessage","text":"…"}` goes to everyone, the sender included, so that
// every page shows the same conversation in the same order.
import { broadcast } from './broadcast.js';
import { findPerson } from './people.js';
import { MAX_TEXT_LENGTH, textFrom, type HandlerResult, type WebSocketEvent } from './protocol.js';

export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const text = textFrom(event);
  if (text === undefined) return { statusCode: 400, body: `text must be 1 to ${MAX_TEXT_LENGTH} characters` };
  const from = await findPerson(event.requestContext.connectionId);
  if (!from) return { statusCode: 403, body: 'not in the chat' };
  const sentAt = new Date(event.requestContext.requestTimeEpoch).toISOString();
  await broadcast(event.requestContext, { type: 'message', from, text, sentAt });
  return { statusCode: 200 };
};
