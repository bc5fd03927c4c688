/** English catalog, assembled from one file per domain so each part of the product owns its keys. */
import { augment } from './augment';
import { errors } from './errors';
import { fairness } from './fairness';
import { privacy } from './privacy';
import { report } from './report';
import { summary } from './summary';
import { warnings } from './warnings';
import { wizard } from './wizard';

export const en: Readonly<Record<string, string>> = {
  ...augment,
  ...errors,
  ...fairness,
  ...privacy,
  ...report,
  ...summary,
  ...warnings,
  ...wizard,
};
