/**
 * The error codes of API.md, with their JSON-RPC numbers. API.md lists five; the last two are
 * JSON-RPC 2.0's own for a frame that is not one request, given a `data.code` like every other
 * error so a client never has to know the numbers: `parse_error` (-32700, not JSON) and
 * `invalid_request` (-32600, JSON but not one JSON-RPC 2.0 request object).
 */
export const ERROR_CODES = {
  invalid_params: -32602,
  unknown_method: -32601,
  not_found: -32004,
  conflict: -32009,
  internal: -32603,
  parse_error: -32700,
  invalid_request: -32600,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** One validation problem: where (the path as zod gives it) and what. */
export interface ParamIssue {
  path: (string | number)[];
  message: string;
}

/** Every failure the API reports: a stable `code`, a message safe to show, and the issues. */
export class TaskdeckError extends Error {
  override readonly name = 'TaskdeckError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ParamIssue[] = [],
  ) {
    super(message);
  }
}

/** The wire form of an error (JSON-RPC `error`, IPC envelope `error`). */
export interface WireError {
  code: number;
  message: string;
  data: { code: ErrorCode; issues?: ParamIssue[] };
}

export function toWireError(error: TaskdeckError): WireError {
  const data: WireError['data'] = { code: error.code };
  if (error.issues.length > 0) data.issues = error.issues;
  return { code: ERROR_CODES[error.code], message: error.message, data };
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Turns a wire error back into a TaskdeckError (clients use this to reject calls). */
export function fromWireError(wire: unknown): TaskdeckError {
  if (typeof wire === 'object' && wire !== null) {
    const { message, data } = wire as { message?: unknown; data?: unknown };
    const payload = (typeof data === 'object' && data !== null ? data : {}) as {
      code?: unknown;
      issues?: unknown;
    };
    const code = isErrorCode(payload.code) ? payload.code : 'internal';
    const issues = Array.isArray(payload.issues) ? (payload.issues as ParamIssue[]) : [];
    return new TaskdeckError(code, typeof message === 'string' ? message : 'Unknown error', issues);
  }
  return new TaskdeckError('internal', 'Unknown error');
}
