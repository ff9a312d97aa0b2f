// The languages a texter is answered in: error messages and the send time in words.

export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** `fr-CA` → `fr`; a language this service does not write in → undefined. */
export function languageOf(locale: string | undefined): Language | undefined {
  const primary = locale?.trim().split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}
