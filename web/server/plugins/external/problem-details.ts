import { DomainError } from '@rebound/engine';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  busy: 503,
};

/** Sends a problem+json answer. */
export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Partial<Problem> = {}): FastifyReply {
  const problem: Problem = {
    ...extra,
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: reply.request.url,
  };
  return reply.code(status).type('application/problem+json').send(problem);
}

/** Turns Ajv's errors into "field: message" pairs a person can act on. */
function fieldErrors(error: FastifyError): { field: string; message: string }[] {
  return (error.validation ?? []).map((v) => {
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    const allowed = (v.params as { allowedValues?: unknown[] }).allowedValues;
    const field = [path, missing ?? extra].filter(Boolean).join('.') || '(body)';
    let message = v.message ?? 'is invalid';
    if (missing) message = 'is required';
    if (extra) message = 'is not a known field';
    if (allowed) message = `must be one of ${allowed.join(', ')}`;
    return { field, message };
  });
}

/** Every error leaves the API as application/problem+json with a specific, actionable detail. */
export function installProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      return sendProblem(reply, STATUS_OF_KIND[error.kind], error.message, error.details ? { ...error.details } : {});
    }
    if (error.validation) {
      const errors = fieldErrors(error);
      const where = error.validationContext ?? 'request';
      return sendProblem(reply, 400, `the ${where} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(reply, 400, `the request body is not valid JSON (${error.message}); send a JSON object`);
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return sendProblem(reply, 400, 'the request body is empty; send a JSON object');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, 415, `content type '${request.headers['content-type'] ?? ''}' is not supported; send application/json`);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'something went wrong on our side; the request id in the logs tells us what');
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
}
