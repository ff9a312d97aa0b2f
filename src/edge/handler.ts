// The edge: the one wrapper every function in src/functions uses. It reads the configuration,
// hands the endpoint a lazily built Twilio client bound to the time budget, and answers by the
// budget whatever the endpoint is still waiting for. Whatever happens (a Result, a throw, the
// guard firing) becomes one Result, and from it one response and one log line.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type { Context, ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import type { Twilio as TwilioClient } from 'twilio';
import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { TIME_BUDGET_MS } from '../core/budget';
import { type AppError, AppFailure, type Result } from '../core/errors';
import { type Language, languageOf } from '../core/language';
import type { Endpoint } from '../endpoints/invocation';
import { type Config, type Env, readConfig } from '../input/config';
import { type Event, requireFields } from '../input/event-fields';
import { createTransport } from '../twilio/transport';
import { logLine, type Outcome } from './log-line';
import { responseFor } from './response';

/** Kept back from Twilio calls to build and send the answer. */
const RESPONSE_RESERVE_MS = 500;
/** The last resort: an endpoint still busy this long after the start is answered for. */
const GUARD_MS = TIME_BUDGET_MS - 200;

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

const timeoutError: AppError = { code: 'TWILIO_TIMEOUT' };

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
    throw new AppFailure({ code: 'CONFIG_TWILIO_AUTH', facts: { variant: 'client' } });
  }
}

/**
 * The texter's language for an error's message: the one the failing layer knew (e.g. the
 * language `when` was read in), else the request's `locale`, else DEFAULT_LOCALE, else English.
 */
function texterLanguage(result: Result<object>, context: Context<Env>, event: Event): Language {
  if (result.ok) return 'en';
  const locale = event[SCHEDULE_MESSAGE.parameters.locale.names[0]];
  return (
    result.error.language ??
    languageOf(typeof locale === 'string' ? locale : undefined) ??
    languageOf(context.DEFAULT_LOCALE) ??
    'en'
  );
}

/** Any throw becomes a Result here, once. */
function resultOfThrow(error: unknown): Outcome {
  if (error instanceof AppFailure) return { result: { ok: false, error: error.error } };
  return {
    result: {
      ok: false,
      error: { code: 'INTERNAL_ERROR' },
    },
    internalError: error instanceof Error ? error.name : typeof error,
  };
}

async function run(
  context: Context<Env>,
  event: Event,
  endpoint: Endpoint,
  started: number,
  options: Required<Pick<HandlerOptions, 'clock'>> & HandlerOptions,
): Promise<Outcome> {
  const config: Result<Config> = readConfig(context);
  if (!config.ok) return { result: config };
  // Every endpoint needs some field: a JSON array or text/plain body is said as such, here once.
  const fields = requireFields(event);
  if (!fields.ok) return { result: fields };
  const { clock, sleep } = options;
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
      context.getTwilioClient({ httpClient } as Parameters<typeof context.getTwilioClient>[0]),
    );
    return client;
  };
  const timer = guard(started + GUARD_MS - clock());
  const warnings = config.value.warnings;
  try {
    const result = await Promise.race([
      endpoint({ event, config: config.value, twilio, now: started, deadline, clock }),
      timer.answer,
    ]);
    return warnings.length > 0 ? { result, warnings } : { result };
  } catch (error) {
    const outcome = resultOfThrow(error);
    return warnings.length > 0 ? { ...outcome, warnings } : outcome;
  } finally {
    timer.cancel();
  }
}

export function defineHandler(
  name: string,
  endpoint: Endpoint,
  options: HandlerOptions = {},
): FunctionHandler {
  // Read at each call, not captured: the local stack moves Date.now with the emulator's clock.
  const clock = options.clock ?? (() => Date.now());
  const log = options.log ?? ((line: string) => console.log(line));

  return async (context, event, callback) => {
    const started = clock();
    let outcome: Outcome;
    try {
      outcome = await run(context, event, endpoint, started, { ...options, clock });
    } catch (error) {
      outcome = resultOfThrow(error);
    }
    const response = responseFor(outcome.result, texterLanguage(outcome.result, context, event));
    log(logLine(name, event, outcome, response.status, clock() - started));
    callback(null, response.toTwilio());
  };
}
