// POST /console-api: the console page's API (sign in, list, search, cancel). Public, as a browser
// can't sign requests: every action but sign-in needs the session token; 404 without
// CONSOLE_PASSWORD.
import { defineConsoleApi } from '../edge/console';
import { consoleApi } from '../endpoints/console';

export const handler = defineConsoleApi(consoleApi);
