// What a bench section is, for main.ts: a name on the command line and a run that returns its
// tables and the aims it checks. A new section is one file exporting a `Section`, imported in
// main.ts and listed in its SECTIONS.
import { join } from 'node:path';

export interface Aim {
  aim: string;
  figure: string;
  met: boolean;
  /** Shown instead of met / not met when that needs qualifying. */
  verdict?: string;
}

/** One numbered part of the report: its heading, table and notes, and the aims it checked. */
export interface SectionResult {
  text: string;
  aims: Aim[];
}

export interface BenchOptions {
  /** The folder of built functions/*.js to measure (`--functions DIR`, else this checkout's). */
  functions: string;
}

export interface Section {
  /** The word that selects it: `npm run bench -- <name>`. */
  name: string;
  /** Its results, in printed order. */
  run: (options: BenchOptions) => Promise<SectionResult[]>;
  /** Run before every other section, while the bench process holds nothing else. */
  runFirst?: boolean;
  /** It serves this checkout's functions/ only, so it cannot measure another build. */
  checkoutOnly?: boolean;
}

/** Scratch files (a no-op function, an empty module): git-ignored, never deployed. */
export const SCRATCH = join('node_modules', '.cache', 'bench');
