// $connect: `?name=Alice` stores the person and tells everyone else that they joined. A connection
// cannot be posted to before its $connect returns, so the newcomer asks `whoami` once connected.
import { broadcast } from './broadcast.js';
import { addPerson } from './people.js';
import { MAX_NAME_LENGTH, nameFrom, type HandlerResult, type Person, type WebSocketEvent } from './protocol.js';

export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const name = nameFrom(event);
  if (name === undefined) return { statusCode: 400, body: `Connect with ?name=… (1 to ${MAX_NAME_LENGTH} characters)` };
  const { connectionId, requestTimeEpoch } = event.requestContext;
  const person: Person = { connectionId, name, joinedAt: new Date(requestTimeEpoch).toISOString() };
  await addPerson(person);
  await broadcast(event.requestContext, { type: 'joined', person }, connectionId);
  return { statusCode: 200 };
};
