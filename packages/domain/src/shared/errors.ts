/**
 * An error a client may see: a stable snake_case code, an HTTP status and a readable message.
 * Services throw these; the api's one error handler turns them into the public error shape.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, code = `${what}_not_found`) => new AppError(404, code, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const invalid = (code: string, message: string) => new AppError(400, code, message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

/**
 * Not a client's error: work that another process holds right now (a digest being sent
 * elsewhere). Jobs retry it later; the admin CLI reports it as in progress.
 */
export class InProgressError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InProgressError';
  }
}

export class DigestInProgressError extends InProgressError {
  constructor(
    readonly userId: number,
    readonly period: string,
  ) {
    super('digest_in_progress', `Digest ${period} for user ${userId} is being sent elsewhere`);
    this.name = 'DigestInProgressError';
  }
}
