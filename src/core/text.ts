// "Blank counts as absent": the one rule for every text value a flow or the environment passes.

/** The value trimmed, or undefined when it is missing, empty or only white space. */
export function nonBlank(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export const isBlank = (value: string): boolean => value.trim() === '';
