// An error's words: the texter's message in their language, the builder's detail in English.
// Written here, at the edge, from the facts the lower layers return (src/edge/messages/).
import type { AppError } from '../core/errors';
import type { Language } from '../core/language';
import { DE } from './messages/de';
import { detailFor } from './messages/details';
import { EN } from './messages/en';
import { ES } from './messages/es';
import { FR } from './messages/fr';
import { IT } from './messages/it';
import { JA } from './messages/ja';
import { NL } from './messages/nl';
import { PT } from './messages/pt';
import { type MessageTable, messageFor } from './messages/table';

/** Every language a texter may be answered in: the type checker refuses one without a table. */
export const TABLES: Readonly<Record<Language, MessageTable>> = {
  en: EN,
  es: ES,
  fr: FR,
  de: DE,
  pt: PT,
  it: IT,
  nl: NL,
  ja: JA,
};

export interface ErrorWords {
  message: string;
  detail?: string;
}

export function wordsFor(error: AppError, language: Language): ErrorWords {
  const facts = { field: error.field, ...error.facts };
  // Words a lower layer wrote itself (not yet said as facts) are kept as they are.
  const legacy = error.facts === undefined && error.message !== undefined;
  const message = legacy ? (error.message as string) : messageFor(error, TABLES[language]);
  const detail = detailFor(error.code, facts) ?? error.detail;
  return detail === undefined ? { message } : { message, detail };
}
