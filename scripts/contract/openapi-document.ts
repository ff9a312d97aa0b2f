// The OpenAPI 3.1 document of the service, built from the endpoint declarations (src/contract/)
// and the error catalog (src/edge/error-catalog.ts): nothing in it is written by hand.

import {
  COMMON_ERRORS,
  type EndpointDeclaration,
  type JsonSchema,
  type ParameterDeclaration,
} from '../../src/contract/declaration';
import { CONSOLE_ENDPOINTS, ENDPOINTS } from '../../src/contract/endpoints';
import type { ErrorCode } from '../../src/core/errors';
import { ERROR_CATALOG } from '../../src/edge/error-catalog';

type Schema = Record<string, unknown>;

/** A form body carries every value as text (a list as repeated keys). */
function formSchemaOf(parameter: ParameterDeclaration): Schema {
  const { description } = parameter;
  return parameter.shape === 'list'
    ? { description, oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }
    : { description, type: 'string' };
}

function requestSchemas(declaration: EndpointDeclaration): { form: Schema; json: Schema } {
  const form: Record<string, Schema> = {};
  const json: Record<string, Schema> = {};
  for (const parameter of Object.values(declaration.parameters)) {
    const [name, ...aliases] = parameter.names;
    form[name] = formSchemaOf(parameter);
    json[name] = { ...parameter.schema, description: parameter.description };
    for (const alias of aliases) {
      const description = `Alias of ${name}.`;
      form[alias] = { ...formSchemaOf(parameter), description };
      json[alias] = { ...parameter.schema, description };
    }
  }
  const rules = declaration.rules?.join(' ');
  const object = (properties: Record<string, Schema>): Schema => ({
    type: 'object',
    ...(rules && { description: rules }),
    properties,
  });
  return { form: object(form), json: object(json) };
}

/** The answer with `ok: true`, in each alternative of a oneOf. */
function successSchema(answer: JsonSchema): Schema {
  if (answer.oneOf) return { oneOf: answer.oneOf.map(successSchema) };
  return {
    ...answer,
    required: ['ok', ...(answer.required ?? [])],
    properties: { ok: { const: true }, ...answer.properties },
  };
}

const operationId = (path: string): string =>
  path.slice(1).replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

function errorResponses(declaration: EndpointDeclaration): Record<string, Schema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...declaration.errors, ...COMMON_ERRORS]) {
    const { status } = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Schema> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${ERROR_CATALOG[code].when}`).join('. '),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ErrorAnswer' },
              { properties: { error: { properties: { code: { enum: codes } } } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

const CALLERS: Record<EndpointDeclaration['calledBy'], string> = {
  flow: 'a Studio flow (Run Function widget)',
  twilio: 'Twilio',
  browser: 'the console page (docs/console.md)',
};

function operation(declaration: EndpointDeclaration): Schema {
  const { form, json } = requestSchemas(declaration);
  return {
    operationId: operationId(declaration.path),
    summary: declaration.summary,
    description: `${declaration.description} Called by ${CALLERS[declaration.calledBy]}.`,
    security: [
      declaration.calledBy === 'browser' ? { consoleSession: [] } : { twilioSignature: [] },
    ],
    requestBody: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': { schema: form },
        'application/json': { schema: json },
      },
    },
    responses: {
      '200': {
        description: 'Done.',
        content: { 'application/json': { schema: successSchema(declaration.answer) } },
      },
      ...errorResponses(declaration),
    },
  };
}

export function openApiDocument(version: string): Schema {
  const paths: Record<string, Schema> = {};
  for (const declaration of [...ENDPOINTS, ...CONSOLE_ENDPOINTS])
    paths[declaration.path] = { post: operation(declaration) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Studio Message Scheduler',
      version,
      description:
        'A Twilio Functions service that a Studio flow calls to schedule, list and cancel SMS, MMS and WhatsApp messages. Generated from the endpoint declarations: run `npm run openapi` after changing them.',
    },
    servers: [
      {
        url: 'https://{domain}',
        variables: { domain: { default: 'studio-message-scheduler-1234-dev.twil.io' } },
      },
    ],
    paths,
    components: {
      securitySchemes: {
        twilioSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Twilio-Signature',
          description:
            'Every flow endpoint is a protected Function: Twilio checks the signature before the code runs (Studio\u2019s Run Function widget and status callbacks are signed).',
        },
        consoleSession: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The console: the token that action=sign-in gives (HMAC-signed by the service, expiring), as `Authorization: Bearer <token>`. sign-in itself needs none.',
        },
      },
      schemas: {
        ErrorAnswer: {
          type: 'object',
          required: ['ok', 'error'],
          properties: {
            ok: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_CATALOG) },
                message: {
                  type: 'string',
                  description:
                    'For the person who texted, in their language: a flow may send it as it is.',
                },
                detail: {
                  type: 'string',
                  description:
                    'For the builder, in English: which parameter or variable, and how to fix it.',
                },
                field: { type: 'string' },
                twilioCode: { type: 'integer' },
                moreInfo: { type: 'string' },
              },
            },
            status: {
              type: 'string',
              description: 'With NOT_CANCELABLE: the message\u2019s status.',
            },
          },
        },
      },
    },
  };
}

/** The document as it is written to docs/openapi.json. */
export const openApiText = (version: string): string =>
  `${JSON.stringify(openApiDocument(version), null, 2)}\n`;
