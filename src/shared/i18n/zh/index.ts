/** Simplified Chinese catalog. Missing keys fall back to English (SPEC §1: both languages). */
import { augment } from './augment';
import { errors } from './errors';
import { fairness } from './fairness';
import { privacy } from './privacy';
import { report } from './report';
import { summary } from './summary';
import { warnings } from './warnings';
import { wizard } from './wizard';

export const zh: Readonly<Record<string, string>> = {
  ...augment,
  ...errors,
  ...fairness,
  ...privacy,
  ...report,
  ...summary,
  ...warnings,
  ...wizard,
};
