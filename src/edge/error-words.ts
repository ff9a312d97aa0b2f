// An error's words: the texter's message in their language, the builder's detail in English.
// Written here, at the edge, from the facts the lower layers return (src/edge/messages/).
import type { AppError } from '../core/errors';
import type { Language } from '../core/language';
import { detailFor } from './messages/details';
import { EN } from './messages/en';
import { type MessageTable, messageFor } from './messages/table';

/**
 * Every language a texter may be answered in: the type checker refuses one without a table.
 * English is at hand; the others load on the first error in their language (cold start).
 */
const TABLES: Readonly<Record<Language, () => MessageTable>> = {
  en: () => EN,
  es: () => (require('./messages/es') as typeof import('./messages/es')).ES,
  fr: () => (require('./messages/fr') as typeof import('./messages/fr')).FR,
  de: () => (require('./messages/de') as typeof import('./messages/de')).DE,
  pt: () => (require('./messages/pt') as typeof import('./messages/pt')).PT,
  it: () => (require('./messages/it') as typeof import('./messages/it')).IT,
  nl: () => (require('./messages/nl') as typeof import('./messages/nl')).NL,
  ja: () => (require('./messages/ja') as typeof import('./messages/ja')).JA,
};

/** The message table of `language`. */
export const tableFor = (language: Language): MessageTable => TABLES[language]();

export interface ErrorWords {
  message: string;
  detail?: string;
}

/**
 * A text built from facts that lack one it needs (a bug below) must not cost the answer: a plain
 * text instead (the code still says what happened).
 */
function safely<T>(words: () => T, fallback: () => T): T {
  try {
    return words();
  } catch {
    return fallback();
  }
}

export function wordsFor(error: AppError, language: Language): ErrorWords {
  const facts = { field: error.field, ...error.facts };
  const message = safely(
    () => messageFor(error, tableFor(language)),
    () => 'Sorry, that request could not be handled.',
  );
  const detail = safely(
    () => detailFor(error.code, facts),
    () => undefined,
  );
  return detail === undefined ? { message } : { message, detail };
}
