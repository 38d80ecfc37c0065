// One error shape everywhere: { error: { code, message, details? } }, never a 500 for bad input.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'NOT_SIGNED_IN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_BROKEN',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

function describeValidation(error: FastifyError): { message: string; details: unknown } {
  const issues = (error.validation ?? []).map((issue) => {
    const params = issue.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    // The field itself, also when it sits inside an object: "contact.channel", not "contact".
    const field = [
      ...(issue.instancePath ?? '').split('/').filter((segment) => segment !== ''),
      ...[params?.missingProperty ?? params?.additionalProperty].filter((name): name is string => typeof name === 'string'),
    ].join('.');
    return { in: error.validationContext ?? 'body', field, message: issue.message ?? 'is not valid' };
  });
  const first = issues[0];
  const where = first ? `${first.in}${first.field ? `.${first.field}` : ''}` : (error.validationContext ?? 'request');
  return { message: `The request is not valid: ${where} ${first?.message ?? 'is not valid'}.`, details: { issues } };
}

/** Fastify's own 4xx errors, said as sentences. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty, but its content type says JSON.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted here: send JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_BAD_URL: 'The address is not valid: part of it is not properly encoded.',
  FST_ERR_MAX_PARAM_LENGTH: 'Part of the address is too long.',
};

function sentence(error: FastifyError): string {
  const known = error.code ? FRAMEWORK_MESSAGES[error.code] : undefined;
  if (known) return known;
  const message = (error.message || 'The request could not be handled').trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** Router errors (a bad percent-encoding, an overlong path segment) in the one error shape. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  return reply.status(status).send({ error: { code: CODES_BY_STATUS[status] ?? 'BAD_REQUEST', message: sentence(error) } });
}

export const errorHandlerPlugin = fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        return reply.status(error.status).send({
          error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
        });
      }
      if (error.validation) {
        const { message, details } = describeValidation(error);
        return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details } });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        if (status === 429) {
          return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: error.message || 'Too many requests: wait a moment and try again.' } });
        }
        return reply.status(status).send({ error: { code: CODES_BY_STATUS[status] ?? 'BAD_REQUEST', message: sentence(error) } });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(status >= 500 && status < 600 ? status : 500).send({
        error: { code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL', message: 'Something went wrong on our side. Please try again.' },
      });
    });

    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `There is no ${request.method} ${request.url.split('?')[0]} in this API.` },
      });
    });
  },
  { name: 'error-handler' },
);
