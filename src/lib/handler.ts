// The edge: one wrapper that every function in src/functions uses. It reads the configuration,
// hands the endpoint a lazily built Twilio client bound to the time budget, turns the endpoint's
// Result into a JSON Twilio.Response, logs one masked line, and calls `callback` exactly once,
// by the time budget whatever the endpoint is still waiting for.
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
/** The last resort: an endpoint still busy this long after the start is answered for. */
const GUARD_MS = TIME_BUDGET_MS - 200;

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
  /** How the transport waits between 429 retries; tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
}

export type FunctionHandler = (
  context: Context<Env>,
  event: Event,
  callback: ServerlessCallback,
) => Promise<void>;

/**
 * The last guard before a message leaves: a run of 7 or more digits may be a phone number quoted
 * back from the request (a misplaced one, say) and is masked like one. Dates and codes are shorter.
 */
const maskDigitRuns = (text: string): string =>
  text.replace(/\+?\d{7,}/g, (run) => maskRecipient(run));

function errorBody(error: AppError): Record<string, unknown> {
  const { code, field, twilioCode, moreInfo } = error;
  const body: Record<string, unknown> = { code, message: maskDigitRuns(error.message) };
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
  for (const raw of [event.to, event.number]) {
    if (typeof raw === 'string' && raw.trim() !== '') return maskRecipient(raw);
  }
  return undefined;
}

const timeoutError: AppError = {
  code: 'TWILIO_TIMEOUT',
  message:
    'The service ran out of time waiting for Twilio. A message may have been scheduled or canceled: check before retrying.',
};

/** Resolves to the timeout answer after `ms` unless canceled: the endpoint loses the race. */
function guard(ms: number): { answer: Promise<Result<never>>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = new Promise<Result<never>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: timeoutError }), Math.max(0, ms));
  });
  return { answer, cancel: () => clearTimeout(timer) };
}

/** A client that cannot be built is a configuration fault, raised as a value, never echoed. */
function buildClient(build: () => TwilioClient): TwilioClient {
  try {
    return build();
  } catch {
    throw new AppFailure({
      code: 'CONFIG_TWILIO_AUTH',
      message:
        'No Twilio client could be built from the service credentials (ACCOUNT_SID, AUTH_TOKEN). Nothing was sent.',
    });
  }
}

export function defineHandler(
  endpoint: string,
  run: Endpoint,
  options: HandlerOptions = {},
): FunctionHandler {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  const sleep = options.sleep;

  return async (context, event, callback) => {
    const started = clock();
    let status = 500;
    let body: Record<string, unknown>;
    let outcome = 'ok';
    // Everything worth knowing goes into the one line logged at the end.
    const entry: Record<string, unknown> = { endpoint };
    try {
      const config = readConfig(context);
      let result: Result<Record<string, unknown>>;
      if (!config.ok) {
        result = config;
      } else {
        if (config.value.warnings.length > 0) entry.warnings = config.value.warnings;
        const deadline = started + TIME_BUDGET_MS - RESPONSE_RESERVE_MS;
        const httpClient = createTransport({
          deadline,
          baseUrl: config.value.apiBaseUrl,
          now: clock,
          ...(sleep && { sleep }),
        });
        let client: TwilioClient | undefined;
        const twilio = () => {
          client ??= buildClient(() =>
            context.getTwilioClient({ httpClient } as Parameters<
              typeof context.getTwilioClient
            >[0]),
          );
          return client;
        };
        const timer = guard(started + GUARD_MS - clock());
        try {
          result = await Promise.race([
            run({ event, config: config.value, twilio, now: started, deadline, clock }),
            timer.answer,
          ]);
        } finally {
          timer.cancel();
        }
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
              message: 'Something went wrong inside the service. Check before retrying.',
            };
      status = httpStatusFor(appError.code);
      outcome = appError.code;
      body = { ok: false, error: errorBody(appError) };
      // The name only: a message or stack could quote the event.
      if (!(error instanceof AppFailure)) {
        entry.internalError = error instanceof Error ? error.name : typeof error;
      }
    }
    Object.assign(entry, { outcome, status, ms: clock() - started });
    const to = recipientForLog(event);
    if (to !== undefined) entry.to = to;
    log(JSON.stringify(entry));
    callback(null, jsonResponse(status, body));
  };
}
