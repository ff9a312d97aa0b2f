// The edge: one wrapper that every function in src/functions uses. It reads the configuration,
// hands the endpoint a lazily built Twilio client bound to the time budget, turns the endpoint's
// Result into a JSON Twilio.Response, logs one masked line, and calls `callback` exactly once.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type { Context, ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import type { Twilio as TwilioClient } from 'twilio';
import { type Config, type Env, readConfig } from './config';
import { type AppError, AppFailure, httpStatusFor, type Result } from './errors';
import type { Event } from './event-fields';
import { maskRecipient } from './recipient';
import { createTransport } from './twilio-transport';

/** Studio and Functions both stop at 10 s; every answer leaves by 8 s. */
export const TIME_BUDGET_MS = 8_000;
/** Kept back from Twilio calls to build and send the answer. */
const RESPONSE_RESERVE_MS = 500;

export interface Invocation {
  event: Event;
  config: Config;
  /** Built on first use, so that paths that must not reach Twilio never construct it. */
  twilio(): TwilioClient;
  /** When the request arrived, ms since epoch. */
  now: number;
  /** ms since epoch by which Twilio calls must be done. */
  deadline: number;
  clock: () => number;
}

export type Endpoint = (invocation: Invocation) => Promise<Result<Record<string, unknown>>>;

export interface HandlerOptions {
  clock?: () => number;
  log?: (line: string) => void;
}

export type FunctionHandler = (
  context: Context<Env>,
  event: Event,
  callback: ServerlessCallback,
) => Promise<void>;

function errorBody(error: AppError): Record<string, unknown> {
  const { code, message, field, twilioCode, moreInfo } = error;
  const body: Record<string, unknown> = { code, message };
  if (field !== undefined) body.field = field;
  if (twilioCode !== undefined) body.twilioCode = twilioCode;
  if (moreInfo !== undefined) body.moreInfo = moreInfo;
  return body;
}

function jsonResponse(status: number, body: Record<string, unknown>) {
  const response = new Twilio.Response();
  response.setStatusCode(status);
  response.appendHeader('Content-Type', 'application/json');
  response.setBody(body);
  return response;
}

function recipientForLog(event: Event): string | undefined {
  const raw = event.to ?? event.number;
  return typeof raw === 'string' && raw.trim() !== '' ? maskRecipient(raw) : undefined;
}

export function defineHandler(
  endpoint: string,
  run: Endpoint,
  options: HandlerOptions = {},
): FunctionHandler {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));

  return async (context, event, callback) => {
    const started = clock();
    let status = 500;
    let body: Record<string, unknown>;
    let outcome = 'ok';
    try {
      const config = readConfig(context);
      let result: Result<Record<string, unknown>>;
      if (!config.ok) {
        result = config;
      } else {
        for (const warning of config.value.warnings) log(JSON.stringify({ endpoint, warning }));
        const deadline = started + TIME_BUDGET_MS - RESPONSE_RESERVE_MS;
        let client: TwilioClient | undefined;
        const twilio = () => {
          client ??= context.getTwilioClient({
            httpClient: createTransport({ deadline, baseUrl: config.value.apiBaseUrl, now: clock }),
          } as Parameters<typeof context.getTwilioClient>[0]);
          return client;
        };
        result = await run({ event, config: config.value, twilio, now: started, deadline, clock });
      }
      if (result.ok) {
        status = 200;
        body = { ok: true, ...result.value };
      } else {
        status = httpStatusFor(result.error.code);
        outcome = result.error.code;
        body = { ok: false, error: errorBody(result.error) };
        if (result.error.status !== undefined) body.status = result.error.status;
      }
    } catch (error) {
      const appError: AppError =
        error instanceof AppFailure
          ? error.error
          : {
              code: 'INTERNAL_ERROR',
              message: 'Something went wrong inside the service. Nothing was scheduled.',
            };
      status = httpStatusFor(appError.code);
      outcome = appError.code;
      body = { ok: false, error: errorBody(appError) };
      if (!(error instanceof AppFailure)) {
        log(
          JSON.stringify({
            endpoint,
            internalError: error instanceof Error ? error.name : typeof error,
          }),
        );
      }
    }
    const entry: Record<string, unknown> = { endpoint, outcome, status, ms: clock() - started };
    const to = recipientForLog(event);
    if (to !== undefined) entry.to = to;
    log(JSON.stringify(entry));
    callback(null, jsonResponse(status, body));
  };
}
