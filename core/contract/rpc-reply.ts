// The one shape of an answer to a call, on every transport: the web host's POST /api/<method> body
// and the value an IPC handler resolves with are both a reply. A reply carries the method's value
// (which may itself be a Result: an expected failure of the method) or why the call itself failed
// (unknown method, invalid arguments, too large, unreachable …), as a code and a message.
import type { Failure, Result } from '../result.ts';

export type RpcReply<T = unknown> = { readonly value: T } | { readonly error: Failure };

/** A dispatch or staging result as a reply. */
export function replyOf<T>(result: Result<T>): RpcReply<T> {
  return result.ok ? { value: result.value } : { error: { code: result.error.code, message: result.error.message } };
}

/** A call that failed in transit or was refused by the host (not an expected failure of the method). */
export class RpcError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}

/**
 * The value of a reply, or an RpcError with its code and message. JSON drops a value that is
 * `undefined`, so `{}` is a reply of `undefined`.
 */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null) throw new RpcError('malformed-reply', 'The answer to the call was not a reply');
  if ('error' in reply) {
    const { code, message } = (reply.error ?? {}) as Partial<Failure>;
    throw new RpcError(typeof code === 'string' ? code : 'malformed-reply', typeof message === 'string' ? message : 'The call failed');
  }
  return (reply as { value?: unknown }).value;
}
