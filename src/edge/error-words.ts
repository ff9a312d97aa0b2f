// An error's words: the texter's message in their language, the builder's detail in English.
// Written here, at the edge, from the facts the lower layers return (src/edge/messages/).
import type { AppError } from '../core/errors';
import type { Language } from '../core/language';
import { detailFor } from './messages/details';
import { EN } from './messages/en';
import { type MessageTable, messageFor } from './messages/table';

const TABLES: Partial<Record<Language, MessageTable>> = { en: EN };

export interface ErrorWords {
  message: string;
  detail?: string;
}

export function wordsFor(error: AppError, language: Language): ErrorWords {
  // Words a lower layer wrote itself (not yet said as facts) are kept as they are.
  if (error.facts === undefined && error.message !== undefined) {
    return error.detail === undefined
      ? { message: error.message }
      : { message: error.message, detail: error.detail };
  }
  const message = messageFor(error, TABLES[language] ?? EN);
  const detail = detailFor(error.code, { field: error.field, ...error.facts }) ?? error.detail;
  return detail === undefined ? { message } : { message, detail };
}
