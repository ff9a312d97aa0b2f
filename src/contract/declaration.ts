// What an endpoint declaration is: its parameters (names, aliases, how each is read from a
// Studio form or a JSON body), its answer, and the error codes it may return. Everything else
// (the readers' names and codes, the OpenAPI document, the flow check's parameter list, the docs'
// tables) is derived from, or tested against, these declarations.
import type { ErrorCode } from '../core/errors';

/** A JSON Schema (the subset OpenAPI 3.1 uses here), for the document and the answer checks. */
export interface JsonSchema {
  type?: string | readonly string[];
  description?: string;
  enum?: readonly (string | boolean | number)[];
  const?: string | boolean | number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: readonly JsonSchema[];
  examples?: readonly unknown[];
}

/**
 * How a value is taken out of `event`:
 * - `text`: one value; a JSON number or boolean is read as its text (`minutes: 30`);
 * - `textOnly`: one value that must be text (a message body is never `42`);
 * - `list`: an array, a repeated form key, or one comma-separated string;
 * - `object`: a JSON object, or its JSON text.
 */
export type ValueShape = 'text' | 'textOnly' | 'list' | 'object';

export interface ParameterDeclaration {
  /** The parameter's name, then its aliases: the first one is the one errors name. */
  readonly names: readonly [string, ...string[]];
  readonly shape: ValueShape;
  /** The error when the value can't be read or isn't valid; none for what is never refused. */
  readonly invalid?: ErrorCode;
  /** With aliases: both given, with different values. */
  readonly conflict?: ErrorCode;
  /**
   * "Blank counts as absent" everywhere but here: present-but-blank is this error (a cancel
   * target that must never fall through to another one).
   */
  readonly blankIs?: ErrorCode;
  /** The version of the contract that added it (the flow check tells v1 and v2 flows apart). */
  readonly since: 1 | 2 | 3;
  /** For the builder: what it means, in one or two sentences. */
  readonly description: string;
  /** The value's form, as it arrives in JSON (form bodies carry the same as text). */
  readonly schema: JsonSchema;
  /** Sent by the caller (Twilio) but not used: declared so that a flow check knows it. */
  readonly ignored?: true;
}

export interface EndpointDeclaration {
  /** The URL path, as Twilio serves the function. */
  readonly path: string;
  /** Who calls it: a Studio flow (Run Function), Twilio itself (a status callback) or the console page. */
  readonly calledBy: 'flow' | 'twilio' | 'browser';
  readonly summary: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, ParameterDeclaration>>;
  /** Rules across parameters that no single declaration says (for the docs). */
  readonly rules?: readonly string[];
  /** The success answer (without `ok`), as a JSON Schema. */
  readonly answer: JsonSchema;
  /** Every error code this endpoint may answer, besides the ones any endpoint may. */
  readonly errors: readonly ErrorCode[];
}

/** Codes any endpoint may answer: the service's configuration, the budget, a bug. */
export const COMMON_ERRORS = [
  'NO_FIELDS',
  'CONFIG_INVALID',
  'CONFIG_TWILIO_AUTH',
  'TWILIO_TIMEOUT',
  'INTERNAL_ERROR',
] as const satisfies readonly ErrorCode[];

/** Every name a parameter may arrive under (the name and its aliases). */
export const namesOf = (declaration: EndpointDeclaration): string[] =>
  Object.values(declaration.parameters).flatMap((parameter) => [...parameter.names]);

/** A declaration, typed as written (test/contract.test.ts checks each key is its first name). */
export const declareEndpoint = <const D extends EndpointDeclaration>(declaration: D): D =>
  declaration;
