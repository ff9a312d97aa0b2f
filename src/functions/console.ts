// GET /console: the console page, its script and style (see docs/console.md). Public, as a
// browser can't sign requests: it answers 404 unless CONSOLE_PASSWORD is set on the service.
import { defineConsolePage } from '../edge/console';
import icon from '../edge/console-page/icon.svg';
import html from '../edge/console-page/index.html';
import script from '../edge/console-page/page.js';
import style from '../edge/console-page/style.css';

export const handler = defineConsolePage({ html, script, style, icon });
