/**
 * `modelwise` command line (SPEC §11): `run`, `profile`, `score`, `templates`. The same pipeline
 * as the app, without a window. Progress goes to stderr, results to stdout or files; bad input exits
 * non-zero with a message that names the file, column or value.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runJob } from '../engine/jobs/run';
import { listTemplates } from '../engine/templates';
import { toErrorData, UserError } from '../shared/errors';
import { translate } from '../shared/i18n';
import type { ImportOptions } from '../shared/model/data';
import type { RecipeStep } from '../shared/model/recipe';
import type { Template, ThresholdPolicyName, ThresholdRule } from '../shared/model/template';
import { offeredThresholdPolicies, ThresholdSettingSchema } from '../shared/model/train';
import { createProgressPrinter } from './progress';
import { readRecipeFile, parseBinarize } from './recipe';

const IMPORT_HELP = `How the file is read (each is detected when left out):
  --no-header / --header    the first row holds data / column names (no header: column1 … columnN)
  --names a,b,…             replace the column names, in order
  --delimiter C             field separator: , ; | tab …
  --encoding E              utf-8, utf-16le, gb18030, shift_jis, windows-1252 …
  --decimal-mark . | ,      decimal mark of numbers (1.5 or 1,5)
  --thousands-mark C        digit grouping: , . ' or a space
  --missing "?,NA,-"        values that mean "missing" (only where they are not a plausible value)
  --sheet NAME              the sheet of an .xlsx workbook
  --on-bad-row skip|stop    skip unreadable rows and report them (default), or stop at the first`;

const HELP: Record<string, string> = {
  run: `modelwise run FILE --target COL --out report.pdf [options]

Imports FILE, cleans it, trains a neural network to predict COL, tests it, checks fairness and
personal data, and writes report.pdf and report.json beside it.

  --target COL              the column to predict
  --out FILE.pdf            where to write the report (report.json is written beside it)
  --template T              general (default), finance, medical or manufacturing
  --sensitive COL           an attribute to check fairness for (repeatable)
  --favourable positive|negative
                            which prediction is favourable for the person (default: the template's)
  --test FILE               a separate test file, read like FILE (default: 15 % of FILE's rows)
  --binarize "COL>0"        turn a numeric target into two classes (> >= < <= == !=)
  --recipe recipe.json      cleaning steps to apply first ({"steps": [{"op": …}, …]})
  --seed N                  random seed (default 42): same data, settings and seed give the same model
  --epochs N                most training epochs (training stops earlier when it stops improving)
  --locale en|zh            language of the report
  --model DIR|FILE.zip      also save the model package (for \`modelwise score\` and the app): a
                            folder, or one .zip file when the name ends in .zip
  --html FILE               also write the report as one self-contained HTML file
  --chromium PATH           the Chromium or Chrome that prints the PDF (default: found automatically)
  --title TEXT              the report's title

The decision threshold (two classes; at most one of these; default: the template's policy, and
each template offers some of them — see \`modelwise templates\`):
  --threshold P             a fixed threshold: a probability of at least P (between 0 and 1)
                            predicts the positive class
  --min-sensitivity S       the highest threshold that catches at least the share S of the positive
                            cases of the validation data (0 < S ≤ 1, e.g. 0.9)
  --approval-rate A         the threshold that approves the share A of the validation rows
                            (0 < A < 1, e.g. 0.7); approval is the favourable outcome
  --costs FN:FP             the threshold with the lowest expected cost of errors on the validation
                            data, a missed case costing FN and a false alarm FP (e.g. 10:1)

${IMPORT_HELP}`,
  profile: `modelwise profile FILE [--json] [--rows N] [--full] [--target COL] [import options]

Shows how FILE is read: encoding, delimiter, header, rows read and skipped, each column's type,
missing and distinct counts, and warnings.

  --json                    print it as JSON
  --rows N                  include the first N rows as read
  --full                    add the full profile: statistics, top values, histograms, warnings
  --target COL              with the target's checks (class imbalance, leakage suspects)

${IMPORT_HELP}`,
  score: `modelwise score FILE --model DIR|FILE.zip --out scored.csv [import options]

Applies a model package to new data: the same cleaning, then the prediction and the probability of
each class, added as columns to scored.csv. The package is the folder or .zip written by
\`modelwise run --model …\`, or the .zip the app's Export step saves ("Export model package").

${IMPORT_HELP}`,
  templates: `modelwise templates

Lists the templates (general, finance, medical, manufacturing), what each is for and the threshold
options it offers (its default first).`,
};

const USAGE = `Usage:
  modelwise run FILE --target COL --out report.pdf [options]   train, test and write the report
  modelwise profile FILE [--json] [--rows N]                   show how a file is read
  modelwise score FILE --model PKG --out scored.csv            score new data with a saved model
  modelwise templates                                          list the templates
  modelwise COMMAND --help                                     every option of a command

Exit codes: 0 done, 1 bad input or failure (the message says what to fix), 2 usage error,
130 cancelled.`;

const importOptionSpec = {
  'no-header': { type: 'boolean' },
  header: { type: 'boolean' },
  names: { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  'decimal-mark': { type: 'string' },
  'thousands-mark': { type: 'string' },
  missing: { type: 'string' },
  sheet: { type: 'string' },
  'on-bad-row': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type Values = Record<string, string | boolean | string[] | undefined>;

function importOptionsFrom(v: Values): ImportOptions {
  const options: ImportOptions = { onBadRow: 'skip' };
  if (v['no-header']) options.header = false;
  if (v.header) options.header = true;
  if (typeof v.names === 'string') options.names = v.names.split(',').map((s) => s.trim());
  if (typeof v.delimiter === 'string')
    options.delimiter = v.delimiter === '\\t' || v.delimiter === 'tab' ? '\t' : v.delimiter;
  if (typeof v.encoding === 'string') options.encoding = v.encoding;
  if (v['decimal-mark'] === '.' || v['decimal-mark'] === ',') options.decimalMark = v['decimal-mark'];
  if (typeof v['thousands-mark'] === 'string')
    options.thousandsMark = v['thousands-mark'] as ImportOptions['thousandsMark'];
  if (typeof v.missing === 'string') options.missingMarkers = v.missing.split(',');
  if (typeof v.sheet === 'string') options.sheet = v.sheet;
  if (v['on-bad-row'] === 'stop' || v['on-bad-row'] === 'skip') options.onBadRow = v['on-bad-row'];
  return options;
}

class UsageError extends Error {}

class HelpRequested extends Error {
  constructor(readonly command: string | undefined) {
    super('help');
  }
}

let currentCommand: string | undefined;

function parse(argv: string[], options: ParseArgsConfig['options']): { values: Values; positionals: string[] } {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(currentCommand);
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function intOption(v: Values, name: string, min = 0): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(
      `--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${String(raw)}"`,
    );
  return n;
}

/** `--locale en|zh` (the languages of the catalogs); English when left out. */
function localeOption(raw: unknown): 'en' | 'zh' {
  if (raw === undefined || raw === 'en') return 'en';
  if (raw === 'zh') return 'zh';
  throw new UsageError(`--locale must be "en" or "zh", not "${String(raw)}"`);
}

/** `--favourable positive|negative` → which prediction is favourable for the person. */
function favourableOption(raw: unknown): 'predicted_positive' | 'predicted_negative' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'positive') return 'predicted_positive';
  if (raw === 'negative') return 'predicted_negative';
  throw new UsageError(`--favourable must be "positive" or "negative", not "${String(raw)}"`);
}

/** The command-line option of each threshold policy. */
const THRESHOLD_OPTIONS: Record<ThresholdPolicyName, string> = {
  fixed: 'threshold',
  min_sensitivity: 'min-sensitivity',
  approval_rate: 'approval-rate',
  min_cost: 'costs',
};

/** What each threshold option takes, for its usage error. */
const THRESHOLD_EXPECTS: Record<ThresholdPolicyName, string> = {
  fixed: 'a probability between 0 and 1 (not 0 or 1), such as 0.4',
  min_sensitivity: 'a share above 0 and at most 1, such as 0.9',
  approval_rate: 'a share between 0 and 1 (not 0 or 1), such as 0.7',
  min_cost: 'two costs above 0 as FN:FP (a missed case : a false alarm), such as 10:1',
};

/**
 * \`--threshold\`, \`--min-sensitivity\`, \`--approval-rate\`, \`--costs\` → the threshold policy the
 * user chose (validated with \`ThresholdSettingSchema\`), or undefined for the template's. At most
 * one may be given, and only one that \`template\` offers (when the template is known).
 */
function thresholdOption(v: Values, template: Template | undefined): ThresholdRule | undefined {
  const given = (Object.keys(THRESHOLD_OPTIONS) as ThresholdPolicyName[]).filter(
    (p) => v[THRESHOLD_OPTIONS[p]] !== undefined,
  );
  if (given.length === 0) return undefined;
  if (given.length > 1)
    throw new UsageError(
      `${given.map((p) => `--${THRESHOLD_OPTIONS[p]}`).join(' and ')} cannot be used together: give one way to choose the threshold`,
    );
  const policy = given[0]!;
  const raw = String(v[THRESHOLD_OPTIONS[policy]]);
  const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  let candidate: unknown;
  if (policy === 'min_cost') {
    const parts = raw.split(':');
    candidate =
      parts.length === 2
        ? { policy, falseNegativeCost: numberOf(parts[0]!), falsePositiveCost: numberOf(parts[1]!) }
        : null;
  } else {
    candidate = { policy, value: numberOf(raw) };
  }
  const parsed = ThresholdSettingSchema.safeParse(candidate);
  if (!parsed.success)
    throw new UsageError(`--${THRESHOLD_OPTIONS[policy]} must be ${THRESHOLD_EXPECTS[policy]}, not "${raw}"`);
  if (template && !offeredThresholdPolicies(template).includes(policy)) {
    const offered = offeredThresholdPolicies(template).map((p) => `--${THRESHOLD_OPTIONS[p]}`);
    throw new UsageError(
      `the ${template.id} template does not choose its threshold with --${THRESHOLD_OPTIONS[policy]}; it offers ${offered.join(', ')}`,
    );
  }
  return parsed.data;
}

async function commandRun(argv: string[], signal: AbortSignal): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    ...importOptionSpec,
    target: { type: 'string' },
    template: { type: 'string' },
    sensitive: { type: 'string', multiple: true },
    favourable: { type: 'string' },
    test: { type: 'string' },
    seed: { type: 'string' },
    epochs: { type: 'string' },
    binarize: { type: 'string' },
    recipe: { type: 'string' },
    locale: { type: 'string' },
    model: { type: 'string' },
    html: { type: 'string' },
    out: { type: 'string', short: 'o' },
    chromium: { type: 'string' },
    title: { type: 'string' },
    threshold: { type: 'string' },
    'min-sensitivity': { type: 'string' },
    'approval-rate': { type: 'string' },
    costs: { type: 'string' },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('run needs a data FILE');
  if (typeof v.target !== 'string') throw new UsageError('run needs --target COL');
  if (typeof v.out !== 'string') throw new UsageError('run needs --out report.pdf');
  if (!/\.pdf$/i.test(v.out)) throw new UsageError(`--out names the PDF report and must end in .pdf, not "${v.out}"`);
  const recipe: RecipeStep[] = [];
  if (typeof v.recipe === 'string') recipe.push(...readRecipeFile(v.recipe));
  if (typeof v.binarize === 'string') recipe.push(parseBinarize(v.binarize));
  const settings: Record<string, unknown> = {};
  const seed = intOption(v, 'seed');
  if (seed !== undefined) settings.seed = seed;
  const epochs = intOption(v, 'epochs', 1);
  if (epochs !== undefined) settings.maxEpochs = epochs;
  const templateId = typeof v.template === 'string' ? v.template : 'general';
  // An unknown template is reported by the run itself (with the list of templates).
  const thresholdPolicy = thresholdOption(
    v,
    listTemplates().find((t) => t.id === templateId),
  );
  if (thresholdPolicy) settings.thresholdPolicy = thresholdPolicy;
  const out = v.out;
  const json = out.replace(/\.pdf$/i, '') + '.json';
  const locale = localeOption(v.locale);
  const printer = createProgressPrinter(process.stderr);
  const result = await runJob(
    {
      type: 'run',
      file,
      importOptions: importOptionsFrom(v),
      testFile: typeof v.test === 'string' ? v.test : undefined,
      target: v.target,
      template: templateId,
      sensitive: (v.sensitive as string[] | undefined) ?? [],
      favourableOutcome: favourableOption(v.favourable),
      recipe,
      settings,
      locale,
      title: typeof v.title === 'string' ? v.title : undefined,
      outputs: {
        pdf: out,
        json,
        html: typeof v.html === 'string' ? v.html : undefined,
        modelDir: typeof v.model === 'string' ? v.model : undefined,
      },
      chromium: typeof v.chromium === 'string' ? v.chromium : undefined,
    },
    { signal, onEvent: printer.onEvent },
  );
  printer.finish();
  printer.printRunSummary(result);
  return 0;
}

const ROWS_PLACEHOLDER = '\u0000rows\u0000';

/**
 * Rows as JSON objects with keys in column order. `JSON.stringify` would move integer-like names
 * (`2019`, `2020`) to the front of each object, which is not how the file reads.
 */
function rowsJson(rows: Record<string, unknown>[], columns: string[]): string {
  const row = (r: Record<string, unknown>) =>
    `    {\n${columns.map((c) => `      ${JSON.stringify(c)}: ${JSON.stringify(r[c] ?? null)}`).join(',\n')}\n    }`;
  return rows.length === 0 ? '[]' : `[\n${rows.map(row).join(',\n')}\n  ]`;
}

async function commandProfile(argv: string[], signal: AbortSignal): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    ...importOptionSpec,
    json: { type: 'boolean' },
    rows: { type: 'string' },
    full: { type: 'boolean' },
    target: { type: 'string' },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('profile needs a data FILE');
  const rows = intOption(v, 'rows');
  const result = await runJob(
    {
      type: 'profile',
      file,
      importOptions: importOptionsFrom(v),
      rows,
      profile: Boolean(v.full) || typeof v.target === 'string',
      target: typeof v.target === 'string' ? v.target : undefined,
    },
    { signal, onEvent: () => undefined },
  );
  if (v.json) {
    // The import summary at the top level (the format the issues specify), then rows and profile.
    const json: Record<string, unknown> = { ...result.summary };
    if (result.rows) json.rows = ROWS_PLACEHOLDER;
    if (result.profile) json.profile = result.profile;
    let text = JSON.stringify(json, null, 2);
    if (result.rows)
      text = text.replace(
        JSON.stringify(ROWS_PLACEHOLDER),
        rowsJson(
          result.rows,
          result.summary.columns.map((c) => c.name),
        ),
      );
    process.stdout.write(text + '\n');
  } else {
    const s = result.summary;
    process.stdout.write(
      `${s.file}: ${s.rowCount} rows × ${s.columns.length} columns, ${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}, ` +
        `${s.headerRow ? `header on line ${s.headerRow}` : 'no header'}${s.skippedRows ? `, ${s.skippedRows} rows skipped` : ''}\n`,
    );
    for (const c of s.columns) {
      process.stdout.write(
        `  ${c.name.padEnd(24)} ${c.type.padEnd(11)} missing ${String(c.missingCount).padStart(6)}  distinct ${c.distinctCount}\n`,
      );
    }
    for (const w of s.warnings) process.stdout.write(`  ! ${w.message}\n`);
    const p = result.profile;
    if (p) {
      // --full / --target: the statistics and the dataset's warnings (target checks included).
      const num = (x: number | string | null) =>
        x === null ? '—' : typeof x === 'number' ? String(Number(x.toPrecision(6))) : x;
      process.stdout.write(`\nProfile (${p.rowCount} rows, ${p.duplicateRowCount} duplicate rows):\n`);
      for (const c of p.columns) {
        const stats =
          c.mean !== null
            ? `min ${num(c.min)}  median ${num(c.median)}  mean ${num(c.mean)}  max ${num(c.max)}`
            : `top ${c.topValues
                .slice(0, 3)
                .map((t) => `${JSON.stringify(t.value)} (${t.count})`)
                .join(', ')}`;
        process.stdout.write(`  ${c.name.padEnd(24)} ${stats}\n`);
      }
      for (const w of p.warnings) process.stdout.write(`  ! ${w.message}\n`);
    }
  }
  return 0;
}

async function commandScore(argv: string[], signal: AbortSignal): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    ...importOptionSpec,
    model: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('score needs a data FILE');
  if (typeof v.model !== 'string')
    throw new UsageError('score needs --model DIR or --model FILE.zip (written by `modelwise run --model …`)');
  if (typeof v.out !== 'string') throw new UsageError('score needs --out scored.csv');
  const result = await runJob(
    { type: 'score', file, importOptions: importOptionsFrom(v), modelDir: v.model, out: v.out },
    { signal, onEvent: () => undefined },
  );
  process.stderr.write(`Scored ${result.rows} rows → ${result.out}\n`);
  return 0;
}

/** Entry point: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  currentCommand = command;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    switch (command) {
      case 'run':
        return await commandRun(rest, controller.signal);
      case 'profile':
        return await commandProfile(rest, controller.signal);
      case 'score':
        return await commandScore(rest, controller.signal);
      case 'templates':
        for (const t of listTemplates()) {
          const threshold = offeredThresholdPolicies(t).map((p) => `--${THRESHOLD_OPTIONS[p]}`);
          process.stdout.write(`${t.id.padEnd(14)} ${t.name.en} (threshold: ${threshold.join(', ')})\n`);
        }
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write((err.command && HELP[err.command] ? HELP[err.command] : USAGE) + '\n');
      return 0;
    }
    if (err instanceof UsageError) {
      const help = currentCommand && HELP[currentCommand] ? `modelwise ${currentCommand} --help` : 'modelwise --help';
      process.stderr.write(`modelwise: ${err.message}\n\n${USAGE}\n\nSee \`${help}\` for every option.\n`);
      return 2;
    }
    const data = toErrorData(err);
    if (data.code === 'CANCELLED') {
      process.stderr.write(`\nmodelwise: ${translate('en', data.key, data.params)}\n`);
      return 130;
    }
    process.stderr.write(`\nmodelwise: ${translate('en', data.key, data.params)}\n`);
    if (data.code === 'INTERNAL' && !(err instanceof UserError) && process.env.MODELWISE_DEBUG) console.error(err);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
