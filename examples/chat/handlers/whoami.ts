// whoami (two-way): answers the caller with who they are and who is in the chat.
import { everyone } from './people.js';
import type { HandlerResult, Person, ServerMessage, WebSocketEvent } from './protocol.js';

export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const people = await everyone();
  const me: Person | undefined = people.find((person) => person.connectionId === event.requestContext.connectionId);
  if (!me) return { statusCode: 403, body: JSON.stringify({ message: 'not in the chat' }) };
  const answer: ServerMessage = { type: 'whoami', me, people };
  return { statusCode: 200, body: JSON.stringify(answer) };
};
