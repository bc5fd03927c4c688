/** English catalog, assembled from one file per domain so each part of the product owns its keys. */
import { errors } from './errors';

export const en: Readonly<Record<string, string>> = {
  ...errors,
};
