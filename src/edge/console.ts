// The console's two functions: /console (the page, its script and style) and /console-api
// (through defineHandler, like every endpoint). Both answer 404 unless the console is on
// (CONSOLE_PASSWORD set, or `npm start`'s own header). The page is served with a strict
// Content-Security-Policy: its script and style come from /console itself, none inline, and the
// script puts data in the page as text only.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type { Context } from '@twilio-labs/serverless-runtime-types/types';
import type { Result } from '../core/errors';
import { isLocal } from '../endpoints/console-access';
import type { Invocation } from '../endpoints/invocation';
import type { Env } from '../input/config';
import {
  type ConsoleEnv,
  type ConsoleSettings,
  readConsoleSettings,
} from '../input/console-request';
import type { Event } from '../input/event-fields';
import { defineHandler, type FunctionHandler } from './handler';
import { responseFor } from './response';

type ConsoleContext = Context<Env & ConsoleEnv>;

/** Headers every console answer carries: nothing cached, framed, sniffed or referred. */
const COMMON_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface Headed {
  appendHeader(name: string, value: string): void;
}

function withHeaders(response: object, headers: Record<string, string>): object {
  for (const [name, value] of Object.entries({ ...COMMON_HEADERS, ...headers }))
    (response as Headed).appendHeader(name, value);
  return response;
}

const errorResponse = (result: Result<never>) => withHeaders(responseFor(result).toTwilio(), {});

export function defineConsoleApi(
  endpoint: (invocation: Invocation, settings: ConsoleSettings) => Promise<Result<object>>,
): FunctionHandler {
  return async (context, event, callback) => {
    const settings = readConsoleSettings(context as ConsoleContext);
    if (!settings.ok) return callback(null, errorResponse(settings));
    const on = settings.value;
    if (on === undefined)
      return callback(null, errorResponse({ ok: false, error: { code: 'CONSOLE_OFF' } }));
    const inner = defineHandler('console-api', (invocation) => endpoint(invocation, on));
    await inner(context, event, (error, response) =>
      callback(
        error,
        typeof response === 'object' && response !== null ? withHeaders(response, {}) : response,
      ),
    );
  };
}

export interface PageFiles {
  html: string;
  script: string;
  style: string;
  icon: string;
}

const notFound = () => {
  const response = new Twilio.Response();
  response.setStatusCode(404);
  response.appendHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setBody('Not found');
  return withHeaders(response, {});
};

/** The page (`/console`), its script (`?file=script`), style (`?file=style`) and icon. */
export function defineConsolePage(files: PageFiles): FunctionHandler {
  return async (context, event, callback) => {
    const settings = readConsoleSettings(context as ConsoleContext);
    const on =
      settings.ok &&
      settings.value !== undefined &&
      (settings.value.password !== undefined || isLocal(settings.value, event as Event));
    // A broken setting is the API's to explain (CONFIG_INVALID): the page still loads to show it.
    if (!on && !(settings.ok === false)) return callback(null, notFound());
    const file = (event as Event).file;
    const [type, body] =
      file === 'script'
        ? ['text/javascript; charset=utf-8', files.script]
        : file === 'style'
          ? ['text/css; charset=utf-8', files.style]
          : file === 'icon'
            ? ['image/svg+xml', files.icon]
            : ['text/html; charset=utf-8', files.html];
    const response = new Twilio.Response();
    response.setStatusCode(200);
    response.appendHeader('Content-Type', type);
    response.setBody(body);
    callback(null, withHeaders(response, { 'Content-Security-Policy': PAGE_CSP }));
  };
}
