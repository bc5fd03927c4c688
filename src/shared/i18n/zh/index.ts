/** Simplified Chinese catalog. Missing keys fall back to English (SPEC §1: both languages). */
import { errors } from './errors';

export const zh: Readonly<Record<string, string>> = {
  ...errors,
};
