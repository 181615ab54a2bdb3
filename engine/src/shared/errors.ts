/**
 * Domain errors. Each says what went wrong in words a merchant or developer can act on; the HTTP layer maps
 * their `kind` to a status (RFC 9457 problem details) and the CLI prints their message.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'unprocessable' | 'unauthorized' | 'busy';

/** Base of every error the engine raises on purpose. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist for this tenant (other tenants' things do not exist either). */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} '${id}' was not found`);
  }
}

/** A state change that the RMA lifecycle does not allow from the current state. */
export class IllegalTransitionError extends DomainError {
  constructor(returnId: string, action: string, status: string, allowedFrom: readonly string[]) {
    super(
      'conflict',
      `cannot ${action} return ${returnId}: it is ${status}, and ${action} is only allowed when it is ${allowedFrom.join(' or ')}`,
      { return_id: returnId, action, current_status: status, allowed_from: allowedFrom },
    );
  }
}

/** A request the merchant's return policy refuses (window, final sale, non-returnable, over-return). */
export class PolicyRefusalError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', message, details);
  }
}

/** Well-formed input that makes no sense in the domain (unknown SKU on the order, wrong currency...). */
export class UnprocessableError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('unprocessable', message, details);
  }
}

/** Malformed input (wrong type, missing field) caught by the engine rather than a schema. */
export class InvalidInputError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid', message, details);
  }
}

/** Another process holds the data directory's database file. */
export class StoreBusyError extends DomainError {
  constructor(dataDir: string, pid?: number) {
    super(
      'busy',
      `the data directory ${dataDir} is in use by another Rebound process${pid ? ` (pid ${pid})` : ''}; ` +
        `wait for it to finish, or run the command while 'rebound serve' is running so it hands the work over`,
    );
  }
}
