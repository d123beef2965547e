// What the chat's handlers and its page say to each other: the events the handlers receive (the
// fields of API Gateway's Lambda events they read) and the messages they send to the page.

/** The part of API Gateway's request context the handlers use. */
export interface RequestContext {
  readonly connectionId: string;
  readonly domainName: string;
  readonly stage: string;
  readonly requestTimeEpoch: number;
}

/** A WebSocket event as API Gateway gives it to a Lambda function (the fields read here). */
export interface WebSocketEvent {
  readonly requestContext: RequestContext;
  readonly queryStringParameters?: Readonly<Record<string, string>> | null;
  readonly body?: string | null;
}

/** What a handler answers API Gateway; on the two-way `whoami` route, `body` goes to the caller. */
export interface HandlerResult {
  readonly statusCode: number;
  readonly body?: string;
}

/** Someone in the chat, as the table keeps them (one item per connection). */
export interface Person {
  readonly connectionId: string;
  readonly name: string;
  readonly joinedAt: string;
}

/** A message the handlers send to the page. */
export type ServerMessage =
  | { readonly type: 'joined'; readonly person: Person }
  | { readonly type: 'left'; readonly person: Person; readonly leftAt: string }
  | { readonly type: 'message'; readonly from: Person; readonly text: string; readonly sentAt: string }
  | { readonly type: 'whoami'; readonly me: Person; readonly people: readonly Person[] };

/** Longest name, in characters. */
export const MAX_NAME_LENGTH = 32;
/** Longest message text, in characters (API Gateway's frames are at most 32 KB). */
export const MAX_TEXT_LENGTH = 2000;

/** A name from the `name` query string parameter, trimmed; undefined when missing, blank or too long. */
export function nameFrom(event: WebSocketEvent): string | undefined {
  const name = event.queryStringParameters?.name?.trim();
  return name && name.length <= MAX_NAME_LENGTH ? name : undefined;
}

/** The `text` of a `sendMessage` body, trimmed; undefined when missing, blank, too long or not JSON. */
export function textFrom(event: WebSocketEvent): string | undefined {
  try {
    const text = (JSON.parse(event.body ?? '{}') as { text?: unknown }).text;
    if (typeof text !== 'string') return undefined;
    const trimmed = text.trim();
    return trimmed !== '' && trimmed.length <= MAX_TEXT_LENGTH ? trimmed : undefined;
  } catch {
    return undefined;
  }
}
