/** Reading an HTTP request's body with a bound on its size. */
import type { IncomingMessage } from 'node:http';

/**
 * The request body, or undefined when it is longer than `limit` bytes (a declared Content-Length
 * over the limit is refused before reading; the rest of an oversized body is read and discarded).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
