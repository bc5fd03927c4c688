// The wizard's steps rendered with Svelte's server renderer (no browser): each step shows its
// title, explanation and the elements the end-to-end tests drive, every string comes from the
// catalog (in English and Chinese), and the review steps reuse the report's components.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import { STEP_ORDER } from '../../src/renderer/src/wizard/steps';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import { catalogs, hasMessage } from '../../src/shared/i18n';
import type { Preview } from '../../src/shared/ipc/contract';
import type { Project, WizardStep } from '../../src/shared/model/project';
import type { Locale } from '../../src/shared/model/report';
import { RecipeStepSchema } from '../../src/shared/model/recipe';
import { TemplateSchema } from '../../src/shared/model/template';
import { repoRoot } from '../helpers/paths';
import { fakeApi, fakePlatform, makeProject, reportFixture, view } from './fakes';

const templates = readdirSync(path.join(repoRoot, 'resources', 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => TemplateSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'templates', f), 'utf8'))));

function text(html: string): string {
  return html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The page for `step` of `project`, with what the state would have loaded on entering it. */
function page(
  step: WizardStep,
  project: Project | null,
  locale: Locale = 'en',
  desktop = false,
  setup?: (w: WizardState) => void,
): { html: string; text: string } {
  setLocale(locale);
  const w = new WizardState(fakePlatform(fakeApi().api, desktop));
  w.info = {
    version: '0.1.0',
    transport: desktop ? 'electron' : 'web',
    platform: 'linux',
    projectsDir: '/p',
    samples: [
      {
        id: 'german-credit',
        templateId: 'finance',
        file: 'german_credit.csv',
        name: { en: 'German credit', zh: '德国信贷' },
        target: 'class',
        sensitive: ['age'],
        licence: 'CC BY 4.0',
      },
    ],
  };
  w.templates = templates;
  if (project) w.view = view(project);
  w.step = step;
  setup?.(w);
  const html = render(App, { props: { state: w } }).body;
  return { html, text: text(html) };
}

const r = reportFixture();
const preview: Preview = {
  offset: 0,
  total: r.data.import.rowCount,
  rows: [Object.fromEntries(r.data.import.columns.map((c) => [c.name, c.sample[0] ?? null]))],
};

afterEach(() => setLocale('en'));

describe('wizard pages', () => {
  it('Welcome offers the sample, a new project and opening one', () => {
    const { html, text: out } = page('welcome', null);
    expect(html).toContain('data-testid="try-sample"');
    expect(html).toContain('data-sample="german-credit"');
    expect(html).toContain('data-testid="new-project"');
    expect(html).toContain('data-testid="open-project-path"');
    expect(out).toContain('German credit');
    expect(out).toContain('Try this sample');
    // No Back/Next on the welcome page.
    expect(html).not.toContain('data-testid="nav-next"');
  });

  it('Welcome in the desktop app opens projects with the native dialog', () => {
    const { html } = page('welcome', null, 'en', true);
    expect(html).toContain('data-testid="open-project"');
    expect(html).not.toContain('data-testid="open-project-path"');
  });

  it('Import without data shows the drop zone and a file input (web) or the dialog button (desktop)', () => {
    const web = page('import', makeProject('empty'));
    expect(web.html).toContain('data-testid="drop-zone"');
    expect(web.html).toContain('data-testid="file-input"');
    const desktop = page('import', makeProject('empty'), 'en', true);
    expect(desktop.html).toContain('data-testid="choose-file"');
    expect(desktop.html).not.toContain('data-testid="file-input"');
  });

  it('Import with data shows the summary and a page of the preview with each column type', () => {
    const { html, text: out } = page('import', makeProject('data'), 'en', false, (w) => {
      w.preview = preview;
      w.importSummary = r.data.import;
    });
    expect(html).toContain('data-testid="import-summary"');
    expect(html).toContain('data-testid="preview-table"');
    expect(out).toContain(
      `${r.data.import.rowCount.toLocaleString('en-US')} rows and ${r.data.import.columns.length} columns were read`,
    );
    for (const c of r.data.import.columns) expect(html).toContain(`data-column="${c.name}"`);
    expect(html.match(/data-testid="column-type"/g)).toHaveLength(r.data.import.columns.length);
    expect(html).toContain('data-testid="import-advanced"');
    expect(html).toContain('data-testid="nav-next"');
  });

  it('Import, Advanced: a text file offers quote, escape, thousands separator and the header line', () => {
    const { html } = page('import', makeProject('data'), 'en', false, (w) => {
      w.preview = preview;
      w.importSummary = r.data.import;
    });
    for (const id of ['opt-encoding', 'opt-delimiter', 'opt-quote', 'opt-escape', 'opt-thousands', 'opt-header-row'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('data-testid="opt-sheet"');
    // The detected values are named in the "detect" choice.
    expect(text(html)).toContain(`Detected (double quote ")`);
  });

  it('Import, Advanced: a workbook offers its sheets and no text-file options', () => {
    const summary = { ...r.data.import, format: 'xlsx' as const, sheet: 'Data', sheets: ['Data', 'Notes 2024'] };
    const p = makeProject('data');
    const project = { ...p, data: { ...p.data!, summary } };
    const { html } = page('import', project, 'en', false, (w) => {
      w.preview = preview;
      w.importSummary = summary;
    });
    const sheetSelect = /<select[^>]*data-testid="opt-sheet"[^>]*>([^]*?)<\/select>/.exec(html)?.[1] ?? '';
    expect(sheetSelect).toContain('>Data</option>');
    expect(sheetSelect).toContain('>Notes 2024</option>');
    expect(html).toContain('data-testid="opt-header-row"');
    for (const id of ['opt-encoding', 'opt-delimiter', 'opt-quote', 'opt-escape'])
      expect(html).not.toContain(`data-testid="${id}"`);
  });

  it('Import shows the Excel-date suggestion on its column with "Convert to dates", then that the recipe converts it', () => {
    const summary = {
      ...r.data.import,
      columns: r.data.import.columns.map((c) =>
        c.name === 'duration' ? { ...c, suggestion: 'excel_serial_date' } : c,
      ),
    };
    const setup = (w: WizardState) => {
      w.preview = preview;
      w.importSummary = summary;
    };
    const before = page('import', makeProject('data'), 'en', false, setup);
    expect(before.html).toMatch(/data-testid="convert-excel-date"[^>]*data-column="duration"/);
    expect(before.text).toContain('These whole numbers look like Excel dates. Convert to dates');
    expect(before.html).not.toContain('data-testid="column-converted"');
    const steps = [{ op: 'excel_serial_date' as const, column: 'duration' }];
    const after = page('import', makeProject('data', { recipe: { steps, undone: [] } }), 'zh', false, setup);
    expect(after.html).not.toContain('data-testid="convert-excel-date"');
    expect(after.html).toMatch(/data-testid="column-converted"[^>]*data-column="duration"/);
    expect(after.text).toContain('已由清洗步骤转换为日期');
  });

  it('Template & target shows the template cards and the target', () => {
    const { html, text: out } = page('target', makeProject('target'));
    expect(html.match(/data-testid="template-card"/g)).toHaveLength(templates.length);
    expect(html).toContain('data-testid="target-select"');
    expect(out).toContain(templates.find((t) => t.id === r.meta.templateId)!.name.en);
  });

  it('Clean shows a card per column, the proposals with one "apply all" button, and the recipe with undo/redo', () => {
    const p = makeProject('target', { recipe: { steps: [{ op: 'remove_duplicates' }], undone: [] } });
    const { html, text: out } = page('clean', p, 'en', false, (w) => {
      w.clean = {
        project: view(p),
        profile: r.data.profile!,
        proposals: [
          {
            code: 'missing',
            column: 'age',
            message: 'age has missing values',
            step: { op: 'impute', column: 'age', strategy: 'median', indicator: false },
          },
        ],
        rowCount: 990,
      };
    });
    expect(html.match(/data-testid="profile-card"/g)).toHaveLength(r.data.profile!.columns.length);
    expect(html).toContain('data-testid="apply-proposals"');
    expect(out).toContain('Apply all proposals (1)');
    expect(html).toContain('data-testid="recipe-list"');
    expect(html).toContain('data-testid="recipe-undo"');
    expect(out).toContain('990 rows');
  });

  it('Clean: "Add a step" offers every recipe op, each with a translated name', () => {
    const ops = RecipeStepSchema.options.map((o) => o.shape.op.value);
    for (const locale of ['en', 'zh'] as const) {
      const { html } = page('clean', makeProject('target'), locale, false, (w) => {
        w.clean = { project: view(makeProject('target')), profile: r.data.profile!, proposals: [], rowCount: 1 };
      });
      const select = /<select[^>]*data-testid="add-step-op"[^>]*>([^]*?)<\/select>/.exec(html)?.[1] ?? '';
      const offered = [...select.matchAll(/<option value="([a-z_]+)"[^>]*>([^<]+)<\/option>/g)];
      expect(offered.map((m) => m[1]).sort(), locale).toEqual([...ops].sort());
      for (const m of offered) expect(m[2], `${locale} ${m[1]}`).not.toMatch(/wizard\./);
    }
  });

  it('Clean: augmentation lists the added crosses and date parts, offers numeric columns, and says where it applies', () => {
    const augmentation = [
      { op: 'cross', a: 'age', b: 'duration', kind: 'product' },
      { op: 'smote' },
      { op: 'date_parts', column: 'opened', parts: ['year', 'weekday'] },
    ];
    const p = makeProject('target', { settings: { augmentation, classWeights: true } });
    const { html, text: out } = page('clean', p, 'en', false, (w) => {
      w.clean = { project: view(p), profile: r.data.profile!, proposals: [], rowCount: 1 };
    });
    expect(out).toContain('change only the training split');
    expect(out).toContain('in every split');
    expect(html.match(/data-testid="derived-item"/g)).toHaveLength(2);
    expect(out).toContain('age × duration');
    expect(out).toContain('opened: year, weekday');
    // Removal indices point into the whole augmentation list (the SMOTE step sits between).
    expect([...html.matchAll(/data-testid="derived-remove"[^>]*data-index="(\d+)"/g)].map((m) => m[1])).toEqual([
      '0',
      '2',
    ]);
    const crossA = /<select[^>]*data-testid="cross-a"[^>]*>([^]*?)<\/select>/.exec(html)?.[1] ?? '';
    const numeric = r.data.profile!.columns.filter((c) => c.type === 'integer' || c.type === 'float');
    expect(crossA.match(/<option/g)).toHaveLength(numeric.length);
    expect(crossA).not.toContain('>class<');
    // The fixture has no date column.
    expect(html).toContain('data-testid="date-parts-unavailable"');
    expect(html).toMatch(/data-testid="augment-rebalance"/);
    expect(html).toMatch(/<input[^>]*checked[^>]*data-testid="augment-class-weights"/);
  });

  it('Clean: a date column can be split into parts; an Excel-date column gets "Convert to dates" on its card', () => {
    const profile = {
      ...r.data.profile!,
      columns: [
        ...r.data.profile!.columns,
        { ...r.data.profile!.columns.find((c) => c.name === 'duration')!, name: 'Date' },
        { ...r.data.profile!.columns.find((c) => c.name === 'duration')!, name: 'opened', type: 'date' as const },
      ],
    };
    const base = makeProject('target');
    const p = {
      ...base,
      data: {
        ...base.data!,
        summary: {
          ...base.data!.summary,
          columns: [
            ...base.data!.summary.columns,
            {
              name: 'Date',
              type: 'integer' as const,
              missingCount: 0,
              distinctCount: 5,
              sample: [],
              suggestion: 'excel_serial_date',
            },
          ],
        },
      },
    };
    const { html } = page('clean', p, 'en', false, (w) => {
      w.clean = { project: view(p), profile, proposals: [], rowCount: 1 };
    });
    expect(html).toContain('data-testid="date-parts-form"');
    expect(/<select[^>]*data-testid="date-parts-column"[^>]*>([^]*?)<\/select>/.exec(html)?.[1]).toContain('>opened<');
    expect(html.match(/data-testid="date-part"/g)).toHaveLength(4);
    expect(html.match(/data-testid="profile-suggestion-accept"/g)).toHaveLength(1);
    expect(html).toMatch(/data-testid="profile-suggestion-accept"[^>]*data-column="Date"/);
  });

  it('Train shows the settings, Start, and after a run the way on to Results or straight to Export', () => {
    const before = page('train', makeProject('target'));
    expect(before.html).toContain('data-testid="train-start"');
    expect(before.html).toContain('data-testid="train-advanced"');
    expect(before.text).toContain('Start training');
    const after = page('train', makeProject('model'));
    expect(after.html).toContain('data-testid="train-done"');
    expect(after.html).toContain('data-testid="goto-export"');
    expect(after.html).toContain('data-testid="train-backend"');
    expect(after.html).toContain('data-testid="train-chart"');
  });

  it('Train shows a crashed run with Retry', () => {
    const { html, text: out } = page('train', makeProject('target'), 'en', false, (w) => {
      w.run = {
        runId: 'r',
        status: 'failed',
        epochs: [],
        maxEpochs: 100,
        error: { code: 'HOST_CRASHED', key: 'errors.HOST_CRASHED', params: { what: 'training', reason: 'SIGKILL' } },
        backend: null,
        etaSeconds: null,
        stage: null,
      };
    });
    expect(html).toContain('data-testid="train-error"');
    expect(html).toContain('data-testid="train-error-retry"');
    expect(out).toContain('The training process stopped unexpectedly (SIGKILL)');
  });

  it('Train shows progress with the epoch count and Cancel while running', () => {
    const { html, text: out } = page('train', makeProject('target'), 'en', false, (w) => {
      w.run = {
        runId: 'r',
        status: 'running',
        epochs: [{ epoch: 1, loss: 0.7, valLoss: 0.72, metric: 0.6, valMetric: 0.61, seconds: 2, maxEpochs: 100 }],
        maxEpochs: 100,
        error: null,
        backend: 'wasm',
        etaSeconds: null,
        stage: 'train',
      };
    });
    expect(html).toContain('data-testid="train-progress-cancel"');
    expect(out).toContain('Epoch 1 of at most 100');
    expect(out).toContain('at most 3 min left');
  });

  it('Results shows ROC AUC, the threshold slider with the confusion matrix, and the baselines', () => {
    const { html, text: out } = page('results', makeProject('model'));
    const m = r.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    expect(html).toContain('data-testid="roc-auc"');
    expect(out).toContain(m.rocAuc!.toFixed(3));
    expect(html).toContain('data-testid="threshold-slider"');
    expect(html).toContain('data-testid="confusion-matrix"');
    expect(out).toContain(String(m.confusion.tp));
    expect(out).toContain('Logistic regression');
  });

  it('Fairness and Privacy draw the report components', () => {
    const fair = page('fairness', makeProject('model', { fairness: r.fairness }));
    expect(fair.html.match(/data-testid="fairness-verdict"/g)).toHaveLength(r.fairness.length);
    expect(fair.text).toContain('Demographic parity difference');
    const priv = page('privacy', makeProject('model', { privacy: r.privacy }));
    expect(priv.html).toContain('data-testid="privacy-report"');
    expect(priv.text).toContain(r.privacy.columns.find((c) => c.class === 'direct_identifier')!.column);
  });

  it('Export offers PDF, HTML and JSON', () => {
    const { html } = page('export', makeProject('model'));
    for (const f of ['pdf', 'html', 'json']) expect(html).toContain(`data-testid="export-${f}"`);
    expect(html).not.toContain('data-testid="nav-next"');
  });

  it('Export offers the model package and scoring, with the scored rows and the added columns', () => {
    const { html, text: out } = page('export', makeProject('model'), 'en', false, (w) => {
      w.scored = {
        source: 'applicants.csv',
        path: '/p/Credit.modelwise/exports/applicants scored.csv',
        downloadUrl: null,
        rows: 1234,
        added: ['predicted_class', 'probability_bad'],
        preview: [
          { age: 30, class: 'good', predicted_class: 'bad', probability_bad: 0.712345 },
          { age: 41, class: null, predicted_class: 'good', probability_bad: 0.1 },
        ],
      };
    });
    expect(html).toContain('data-testid="export-model"');
    expect(html).toContain('data-testid="score-input"');
    expect(html).not.toContain('data-testid="model-package-needs-model"');
    expect(out).toContain('Export model package (.zip)');
    expect(out).toContain('1,234 rows of applicants.csv scored.');
    expect(out).toContain('Downloaded as applicants scored.csv.');
    // The true value (the file had the target) and the added columns, not every column of the file.
    const table = text(html.slice(html.indexOf('data-testid="score-preview"')));
    expect(table).toMatch(/Row class predicted_class probability_bad 1 good bad 0\.712345 2 — good 0\.1/);
    expect(table).not.toContain('age');
    const zh = page('export', makeProject('model'), 'zh', true, (w) => {
      w.scored = {
        source: 'a.csv',
        path: '/x/a scored.csv',
        downloadUrl: null,
        rows: 3,
        added: ['predicted_class'],
        preview: [],
      };
    });
    expect(zh.text).toContain('已为 a.csv 中的 3 行评分。');
    expect(zh.text).toContain('已保存到 /x/a scored.csv');
    expect(zh.html).not.toContain('data-testid="score-input"');
  });

  it('Export keeps the model package disabled, and says why, without a model', () => {
    const { html, text: out } = page('export', makeProject('target'));
    expect(out).toContain('Train a model first');
    for (const id of ['export-model', 'score-data'])
      expect(html).toMatch(new RegExp(`data-testid="${id}"[^>]*disabled|disabled[^>]*data-testid="${id}"`));
  });

  it('shows an error banner with Retry for a failure that may pass when tried again', () => {
    const { html, text: out } = page('import', makeProject('empty'), 'en', false, (w) => {
      w.banner = {
        error: { code: 'HOST_CRASHED', key: 'errors.HOST_CRASHED', params: { what: 'engine', reason: 'exit 1' } },
        retry: async () => undefined,
      };
    });
    expect(html).toContain('data-testid="error-banner"');
    expect(html).toContain('data-testid="error-banner-retry"');
    expect(out).toContain('Something went wrong.');
    expect(out).toContain('The engine process stopped unexpectedly');
  });

  it('phrases a problem with the input as something to change, without a Retry that cannot help (QA)', () => {
    const cases = [
      { code: 'FILE_EMPTY', params: { file: 'empty.csv' }, says: 'Choose a file with a header row' },
      { code: 'FORMAT_UNSUPPORTED', params: { file: 'a.csv', reason: 'PNG image' }, says: 'Use CSV' },
      { code: 'PROJECT_NOT_FOUND', params: { path: '/nowhere' }, says: 'or create a new project' },
      {
        code: 'TARGET_SINGLE_CLASS',
        params: { column: 'churned', value: 'no', count: 20 },
        says: 'Choose another target',
      },
    ] as const;
    for (const c of cases) {
      for (const locale of ['en', 'zh'] as const) {
        const { html, text: out } = page('import', makeProject('empty'), locale, false, (w) => {
          w.banner = {
            error: { code: c.code, key: `errors.${c.code}`, params: c.params },
            retry: async () => undefined,
          };
        });
        expect(html, c.code).toContain('data-testid="error-banner"');
        expect(html, c.code).not.toContain('data-testid="error-banner-retry"');
        expect(html, c.code).toContain('data-testid="error-banner-dismiss"');
        if (locale === 'en') {
          expect(out, c.code).toContain('This needs a change:');
          expect(out, c.code).not.toContain('Something went wrong');
          expect(out, c.code).toContain(c.says);
        } else expect(out, c.code).toContain('需要修改');
      }
    }
  });

  it('every step renders in both languages without a raw catalog key', () => {
    const full = makeProject('model', { fairness: r.fairness, privacy: r.privacy, step: 'export' });
    for (const locale of ['en', 'zh'] as const) {
      for (const step of STEP_ORDER) {
        const { html, text: out } = page(step, step === 'welcome' ? null : full, locale, false, (w) => {
          w.preview = preview;
          w.clean = { project: view(full), profile: r.data.profile!, proposals: [], rowCount: 1 };
        });
        expect(html, `${locale} ${step}`).toContain(`data-testid="step-${step}"`);
        expect(out, `${locale} ${step}`).not.toMatch(/\b(wizard|report|errors)\.[a-z][\w.]+/);
      }
    }
    expect(page('import', full, 'zh').text).toContain('导入数据');
  });
});

describe('QA findings', () => {
  const m = r.evaluation.metrics;
  if (m.task !== 'binary') throw new Error('fixture is binary');
  /** The trained fixture project with its metrics changed by `patch`. */
  const withMetrics = (patch: Partial<typeof m>, extra: Parameters<typeof makeProject>[1] = {}) => {
    const p = makeProject('model', extra);
    return { ...p, model: { ...p.model!, evaluation: { ...p.model!.evaluation, metrics: { ...m, ...patch } } } };
  };

  it('asks before a template change discards the model, showing the choice being asked about', () => {
    for (const locale of ['en', 'zh'] as const) {
      const { html, text: out } = page('target', makeProject('model', { step: 'target' }), locale, false, (w) => {
        w.pendingChange = { kind: 'template', value: 'medical' };
      });
      expect(html).toContain('role="alertdialog"');
      expect(html).toContain('data-testid="confirm-discard-cancel"');
      expect(html).toContain('data-testid="confirm-discard-ok"');
      expect(out).toContain(
        locale === 'en'
          ? 'Changing the template discards the trained model and its results. Continue?'
          : '更换模板会丢弃已训练的模型及其结果。是否继续？',
      );
      expect(html).toMatch(/<input[^>]*value="medical"[^>]*checked/);
      expect(html).not.toMatch(/<input[^>]*value="finance"[^>]*checked/);
    }
    const none = page('target', makeProject('model', { step: 'target' }));
    expect(none.html).not.toContain('alertdialog');
    expect(none.html).toMatch(/<input[^>]*value="finance"[^>]*checked/);
  });

  it('asks under the target for a target change', () => {
    const { html, text: out } = page('target', makeProject('model', { step: 'target' }), 'en', false, (w) => {
      w.pendingChange = { kind: 'target', value: 'foreign_worker' };
    });
    expect(out).toContain('Changing the target discards the trained model');
    expect(html.indexOf('data-testid="confirm-discard"')).toBeGreaterThan(html.indexOf('data-testid="target-select"'));
  });

  it('asks beside the recipe before a recipe change discards the model, in both languages', () => {
    const p = makeProject('model', { step: 'clean', recipe: { steps: [{ op: 'remove_duplicates' }], undone: [] } });
    const clean = (w: WizardState) => {
      w.clean = { project: view(p), profile: r.data.profile!, proposals: [], rowCount: 990 };
    };
    for (const locale of ['en', 'zh'] as const) {
      const { html, text: out } = page('clean', p, locale, false, (w) => {
        clean(w);
        w.pendingChange = { kind: 'addStep', step: { op: 'drop_column', column: 'email' } };
      });
      expect(html.match(/role="alertdialog"/g)).toHaveLength(1);
      expect(out).toContain(
        locale === 'en'
          ? 'Adding the step "Drop the column email." changes the data and discards the trained model and its results. Continue?'
          : '添加步骤“',
      );
      expect(out).toContain(locale === 'en' ? 'Keep the model' : '保留模型');
      // Right under the form that asked.
      expect(html.indexOf('data-testid="confirm-discard"')).toBeGreaterThan(
        html.indexOf('data-testid="add-step-form"'),
      );
      expect(html.indexOf('data-testid="confirm-discard"')).toBeLessThan(html.indexOf('data-testid="augmentation"'));
    }
    const undo = page('clean', p, 'en', false, (w) => {
      clean(w);
      w.pendingChange = { kind: 'undo' };
    });
    expect(undo.text).toContain('Undoing the last recipe change changes the data and discards the trained model');
    expect(undo.html.indexOf('data-testid="confirm-discard"')).toBeGreaterThan(
      undo.html.indexOf('data-testid="recipe-undo"'),
    );
    expect(undo.html.indexOf('data-testid="confirm-discard"')).toBeLessThan(
      undo.html.indexOf('data-testid="add-step-form"'),
    );
    const none = page('clean', p, 'en', false, clean);
    expect(none.html).not.toContain('alertdialog');
  });

  it('shows the settings or column type being asked about in their controls until the answer', () => {
    const train = page('train', makeProject('model', { step: 'train' }), 'en', false, (w) => {
      w.pendingChange = { kind: 'settings', settings: { dropout: 0.3 } };
    });
    expect(train.html).toMatch(/<input[^>]*value="0.3"[^>]*data-testid="set-dropout"/);
    expect(train.text).toContain('Changing the training settings discards the trained model');
    expect(train.html).toMatch(/<button[^>]*data-testid="train-start"[^>]*disabled/);
    const kept = page('train', makeProject('model', { step: 'train' }));
    expect(kept.html).toMatch(/<input[^>]*value="0.5"[^>]*data-testid="set-dropout"/);

    const imported = page('import', makeProject('model', { step: 'import' }), 'zh', false, (w) => {
      w.preview = preview;
      w.pendingChange = { kind: 'columnType', column: 'duration', type: 'categorical' };
    });
    const select = (html: string) => html.match(/<select[^>]*data-column="duration"[^>]*>([^]*?)<\/select>/)![1]!;
    expect(select(imported.html)).toMatch(/<option value="categorical" selected/);
    expect(select(page('import', makeProject('model'), 'en', false, (w) => (w.preview = preview)).html)).toMatch(
      /<option value="integer" selected/,
    );
    expect(imported.text).toContain('更改 duration 的类型会重新导入数据');
  });

  it('marks only the likely outcome columns "(suggested)"', () => {
    const { text: out } = page('target', makeProject('target', { step: 'target' }));
    expect(out.match(/\(suggested\)/g)).toHaveLength(1);
    expect(out).toContain('class (suggested)');
  });

  it('warns on Results and on the finished training when the ROC AUC is 0.99 or more', () => {
    const good = page('results', makeProject('model'));
    expect(good.html).not.toContain('data-testid="too-good"');
    const tooGood = withMetrics({ rocAuc: 0.995 });
    const results = page('results', tooGood);
    expect(results.html).toContain('data-testid="too-good"');
    expect(results.text).toContain('A ROC AUC of 0.995 is rare on real data');
    const train = page('train', tooGood);
    expect(train.html).toContain('data-testid="train-too-good"');
    expect(page('train', makeProject('model')).html).not.toContain('train-too-good');
  });

  it('shows the ROC, precision–recall and calibration curves on Results', () => {
    const { html, text: out } = page('results', makeProject('model'));
    for (const id of ['roc-chart', 'pr-chart', 'calibration-chart']) expect(html).toContain(`data-testid="${id}"`);
    expect(out).toContain('Precision–recall curve');
    expect(out).toContain('Calibration');
  });

  it('shows the approval rate only where the template names it', () => {
    const finance = page('results', makeProject('model'));
    expect(finance.text).toContain('Approval rate');
    const medical = page('results', makeProject('model', { templateId: 'medical' }));
    expect(medical.text).not.toContain('Approval rate');
    expect(medical.text).toContain('Sensitivity');
  });

  it('draws the slider where the wizard state has it, with the metrics for that place', () => {
    const { html, text: out } = page('results', makeProject('model'), 'en', false, (w) => {
      w.threshold = 0.3;
      w.thresholdMetrics = { ...m, threshold: 0.3, confusion: { tp: 777, fn: 1, fp: 2, tn: 3 } };
    });
    expect(html).toMatch(/<input[^>]*value="0.3"[^>]*data-testid="threshold-slider"/);
    expect(out).toContain('Threshold 0.30');
    expect(out).toContain('777');
    // Without a place of its own, the slider is at the model's threshold with the model's matrix.
    const plain = page('results', makeProject('model'));
    expect(plain.text).toContain('Threshold 0.50');
    expect(plain.text).not.toContain('777');
  });

  it('reads a cancelled training as stopped after a reload (no run on the page)', () => {
    const p = makeProject('model');
    const cancelled = { ...p, model: { ...p.model!, record: { ...p.model!.record, cancelled: true } } };
    expect(page('train', cancelled).text).toContain('Training stopped');
    expect(page('train', makeProject('model')).text).toContain('Training finished');
  });

  it('marks Fairness and Privacy done only once seen, and keeps Results done after going back', () => {
    const full = makeProject('model', { fairness: r.fairness, privacy: r.privacy, step: 'train' });
    const doneSteps = (html: string) =>
      [...html.matchAll(/<li class="[^"]*\bdone\b[^"]*">\s*<button[^>]*data-testid="nav-step-(\w+)"/g)].map(
        (x) => x[1],
      );
    const early = page('train', full, 'en', false, (w) => {
      w.visited = new Set(['welcome', 'import', 'target', 'clean', 'train', 'results']);
    });
    expect(doneSteps(early.html)).toEqual(['welcome', 'import', 'target', 'clean', 'train', 'results']);
    const later = page('train', full, 'en', false, (w) => {
      w.visited = new Set(['welcome', 'import', 'target', 'clean', 'train', 'results', 'fairness', 'privacy']);
    });
    expect(doneSteps(later.html)).toContain('fairness');
    expect(doneSteps(later.html)).toContain('privacy');
  });

  it('writes the Chinese "actual" axis label of the confusion matrix upright', () => {
    expect(page('results', makeProject('model'), 'zh').html).toMatch(/<th[^>]*class="axis vertical upright"/);
    expect(page('results', makeProject('model'), 'en').html).not.toContain('upright');
  });

  it('says "less than a second left", never "about less than a second left"', () => {
    const { text: out } = page('train', makeProject('target'), 'en', false, (w) => {
      w.run = {
        runId: 'r',
        status: 'running',
        epochs: [{ epoch: 1, loss: 0.7, valLoss: 0.72, metric: 0.6, valMetric: 0.61, seconds: 0.1, maxEpochs: 2 }],
        maxEpochs: 2,
        error: null,
        backend: 'wasm',
        etaSeconds: 0.4,
        stage: 'train',
      };
    });
    expect(out).toContain('less than a second left');
    expect(out).not.toMatch(/about less than/);
  });

  it('never shows a read-issue code in import warnings or errors', () => {
    const warning = {
      code: 'long_row',
      message: '1 row(s) could not be read and were skipped (too_many_fields (2, expected 1)): line(s) 3.',
      fileLines: [3],
      severity: 'warning' as const,
      params: { reason: 'long_row', count: 1 },
    };
    const data = makeProject('data').data!;
    const p = makeProject('data', { data: { ...data, summary: { ...data.summary, warnings: [warning] } } });
    for (const locale of ['en', 'zh'] as const) {
      const { text: out } = page('import', p, locale, false, (w) => {
        w.preview = preview;
        w.banner = {
          error: {
            code: 'BAD_ROW',
            key: 'errors.BAD_ROW',
            params: { file: 'a.csv', line: 3, reason: 'too_many_fields (2, expected 1)' },
          },
          retry: null,
        };
      });
      expect(out, locale).not.toMatch(/too_many_fields|long_row/);
      expect(out, locale).toContain(locale === 'en' ? 'too many fields (2, expected 1)' : '字段过多 (2, expected 1)');
    }
  });
});

describe('catalog', () => {
  /** Every literal `wizard.…` key named in the wizard's sources. */
  function keysInSources(): string[] {
    const dirs = ['wizard', 'components', 'lib'].map((d) => path.join(repoRoot, 'src', 'renderer', 'src', d));
    const files: string[] = [path.join(repoRoot, 'src', 'renderer', 'src', 'App.svelte')];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|svelte)$/.test(e.name)) files.push(full);
      }
    };
    dirs.forEach(walk);
    const keys = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(/'(wizard\.[A-Za-z0-9_.]+[A-Za-z0-9_])'/g)) keys.add(m[1]!);
    return [...keys];
  }

  it('has every wizard key named in the sources, in English and Chinese', () => {
    const keys = keysInSources();
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      expect(hasMessage(key), key).toBe(true);
      expect(catalogs.zh[key], key).toBeDefined();
    }
  });

  it('has the keys the wizard builds at run time', () => {
    const dynamic = [
      ...STEP_ORDER.flatMap((s) => [`wizard.step.${s}.title`, `wizard.step.${s}.intro`]),
      ...[
        'drop_column',
        'impute',
        'drop_rows_missing',
        'remove_duplicates',
        'change_type',
        'normalize_category',
        'outliers',
        'bin',
        'rename',
        'mark_missing',
        'drop_missing_target',
        'excel_serial_date',
        'binarize',
      ].map((o) => `wizard.clean.op.${o}`),
      ...['gt', 'ge', 'lt', 'le', 'eq', 'ne', 'in'].map((c) => `wizard.clean.form.cmp.${c}`),
      ...['year', 'month', 'day', 'weekday'].map((x) => `wizard.clean.part.${x}`),
      ...['double', 'single', 'none'].map((x) => `wizard.import.opt.quote.${x}`),
      ...['double', 'backslash', 'single', 'none'].map((x) => `wizard.import.opt.escape.${x}`),
      ...['comma', 'point', 'space', 'apostrophe', 'none'].map((x) => `wizard.import.opt.thousands.${x}`),
      ...['within_tolerance', 'outside_tolerance', 'not_comparable', 'not_judged'].map(
        (v) => `wizard.fairness.short.${v}`,
      ),
      ...['pdf', 'html', 'json'].map((f) => `wizard.export.${f}`),
      ...['adam', 'adadelta', 'sgd', 'rmsprop'].map((o) => `wizard.train.optimizer.${o}`),
      ...['fixed', 'min_sensitivity', 'approval_rate', 'min_cost'].flatMap((x) => [
        `wizard.train.policy.${x}`,
        `wizard.train.threshold.option.${x}`,
        `report.thresholdRule.${x}`,
      ]),
      ...['fixed', 'min_sensitivity', 'approval_rate'].flatMap((x) => [
        `wizard.train.threshold.input.${x}`,
        `wizard.train.threshold.invalid.${x}`,
      ]),
      ...['upload', 'import', 'profile', 'report', 'model', 'clean', 'score', 'write'].map((s) => `wizard.stage.${s}`),
    ];
    for (const key of dynamic) {
      expect(hasMessage(key), key).toBe(true);
      expect(catalogs.zh[key], key).toBeDefined();
    }
  });
});

describe('wizard checks (QA: target, recipe, costs, errors)', () => {
  const medical = templates.find((t) => t.id === 'medical')!;
  const manufacturing = templates.find((t) => t.id === 'manufacturing')!;

  it('Clean explains a refused recipe step beside the form, not at the top', () => {
    const p = makeProject('target');
    const { html, text: out } = page('clean', p, 'en', false, (w) => {
      w.clean = { project: view(p), profile: r.data.profile!, proposals: [], rowCount: 1 };
      w.recipeBanner = {
        error: {
          code: 'RECIPE_BREAKS_TARGET',
          key: 'errors.RECIPE_REMOVES_TARGET',
          params: { step: 1, op: 'drop_column', column: 'class' },
        },
        retry: async () => undefined,
      };
    });
    expect(html).not.toContain('data-testid="error-banner"');
    const form = html.indexOf('data-testid="add-step-form"');
    const error = html.indexOf('data-testid="recipe-error"');
    expect(form).toBeGreaterThan(0);
    expect(error).toBeGreaterThan(form);
    expect(out).toContain('Recipe step 1 (drop_column) would take away "class", the target column the model predicts.');
    // Nothing to retry: the step itself must change.
    expect(html).not.toContain('data-testid="recipe-error-retry"');
  });

  it('Template & target proposes binarizing a multiclass target under the medical template, in one click', () => {
    const p = makeProject('target', { templateId: 'medical', target: 'num', positiveClass: null });
    const suggestions = {
      targets: ['num'],
      targetLabels: [
        { label: '0', count: 164 },
        { label: '1', count: 55 },
        { label: '2', count: 36 },
        { label: '3', count: 35 },
        { label: '4', count: 13 },
      ],
      positiveClass: null,
      task: 'multiclass' as const,
      sensitive: [],
    };
    for (const locale of ['en', 'zh'] as const) {
      const { html, text: out } = page('target', p, locale, false, (w) => {
        w.suggestions = suggestions;
      });
      expect(html, locale).toContain('data-testid="binarize-proposal"');
      expect(html, locale).toContain('data-testid="binarize-add"');
      if (locale === 'en') {
        expect(out).toContain(`the ${medical.name.en} template’s metrics`);
        // The smallest grade (0 = no disease) is the "no" outcome.
        expect(out).toContain('Make num two outcomes: “1” where num > 0, else “0”.');
      }
    }
    // Not for the general template (multiclass metrics), nor once the target has two outcomes.
    const general = page('target', { ...p, templateId: 'general' }, 'en', false, (w) => {
      w.suggestions = suggestions;
    });
    expect(general.html).not.toContain('data-testid="binarize-proposal"');
    const binary = page('target', p, 'en', false, (w) => {
      w.suggestions = { ...suggestions, targetLabels: suggestions.targetLabels.slice(0, 2), task: 'binary' };
    });
    expect(binary.html).not.toContain('data-testid="binarize-proposal"');
  });

  it('Train asks for the two costs of a min_cost threshold policy, with the template costs until the user enters theirs', () => {
    const p = makeProject('target', { templateId: 'manufacturing', positiveClass: 'fault' });
    const before = page('train', p);
    expect(before.html).toContain('data-testid="threshold-policy"');
    expect(before.html).toMatch(/value="10"[^>]*data-testid="set-cost-fn"/);
    expect(before.html).toMatch(/value="1"[^>]*data-testid="set-cost-fp"/);
    expect(before.text).toContain(`Cost of a missed case (${manufacturing.positiveClassMeaning.en}, not caught)`);
    // A positive class the template does not describe is named, not glossed with the template's meaning.
    const other = page('train', { ...p, positiveClass: 'bad' });
    expect(other.text).toContain('Cost of a missed case (a "bad" case not caught)');
    expect(before.text).toContain('A missed case counts as much as 10 false alarms.');
    const entered = page('train', { ...p, settings: { falseNegativeCost: 4, falsePositiveCost: 2 } }, 'zh');
    expect(entered.html).toMatch(/value="4"[^>]*data-testid="set-cost-fn"/);
    expect(entered.html).toMatch(/value="2"[^>]*data-testid="set-cost-fp"/);
    expect(entered.text).toContain('一次漏检相当于 2 次误报');
    // A policy without costs is described, with nothing to enter.
    const fixed = page('train', makeProject('target', { templateId: 'finance' }));
    expect(fixed.text).toContain('at least 0.50');
    expect(fixed.html).not.toContain('data-testid="set-cost-fn"');
  });

  it('Train → Decision threshold offers the policies each template allows, its own first and chosen', () => {
    const offered: Record<string, string[]> = {
      medical: ['min_sensitivity', 'fixed'],
      finance: ['fixed', 'approval_rate', 'min_cost'],
      manufacturing: ['min_cost', 'fixed'],
      general: ['fixed', 'min_sensitivity', 'approval_rate', 'min_cost'],
    };
    const radios = (html: string) => [...html.matchAll(/data-testid="policy-([a-z_]+)"/g)].map((m) => m[1]);
    const checked = (html: string) => /<input[^>]*checked[^>]*data-testid="policy-([a-z_]+)"/.exec(html)?.[1];
    for (const [id, policies] of Object.entries(offered)) {
      for (const locale of ['en', 'zh'] as const) {
        const { html } = page('train', makeProject('target', { templateId: id }), locale);
        expect(radios(html), `${id} ${locale}`).toEqual(policies);
        expect(checked(html), id).toBe(policies[0]);
        expect(html, id).toContain('data-testid="threshold-source"');
      }
    }
    // Each policy's input, with the template's numbers: 90 % for medical, 0.5 for finance.
    const medical = page('train', makeProject('target', { templateId: 'medical' }));
    expect(medical.html).toMatch(/value="90"[^>]*data-testid="set-threshold-value"/);
    expect(medical.text).toContain('Positive cases to catch (%)');
    expect(medical.text).toContain('catch at least 90 % of the positive cases');
    expect(medical.text).toContain('This is the template’s default.');
    const finance = page('train', makeProject('target', { templateId: 'finance' }));
    expect(finance.html).toMatch(/value="0.5"[^>]*data-testid="set-threshold-value"/);
    // Not for a regression target: no threshold.
    const regression = page('train', makeProject('target', { templateId: 'general' }), 'en', false, (w) => {
      w.suggestions = { task: 'regression' } as never;
    });
    expect(regression.html).not.toContain('data-testid="threshold-policy"');
  });

  it("Train → Decision threshold shows the user's policy and number over the template's, and what approval means", () => {
    const approval = { thresholdPolicy: { policy: 'approval_rate', value: 0.7 } };
    const finance = page('train', makeProject('target', { templateId: 'finance', settings: approval }));
    expect(/<input[^>]*checked[^>]*data-testid="policy-([a-z_]+)"/.exec(finance.html)?.[1]).toBe('approval_rate');
    expect(finance.html).toMatch(/value="70"[^>]*data-testid="set-threshold-value"/);
    expect(finance.text).toContain('for an approval rate of 70 %');
    // Finance approves the favourable outcome: predicted not to default ("bad" is the positive class).
    expect(finance.text).toContain('Approved means predicted not "bad"');
    expect(finance.text).toContain(
      'Your choice. The template’s default: A case is predicted positive when its probability is at least 0.50.',
    );
    // The favourable outcome the user chose decides what approval is.
    const flipped = page(
      'train',
      makeProject('target', { templateId: 'finance', settings: approval, favourableOutcome: 'predicted_positive' }),
      'zh',
    );
    expect(flipped.text).toContain('“批准”指预测为“bad”');
    // A policy the template does not offer (left from another template) is not used: medical's stays.
    const medical = page('train', makeProject('target', { templateId: 'medical', settings: approval }));
    expect(/<input[^>]*checked[^>]*data-testid="policy-([a-z_]+)"/.exec(medical.html)?.[1]).toBe('min_sensitivity');
    expect(medical.text).toContain('This is the template’s default.');
  });

  it('Train → Decision threshold shows refused input inline and asks before a trained model goes', () => {
    for (const locale of ['en', 'zh'] as const) {
      const { html, text: out } = page(
        'train',
        makeProject('target', { templateId: 'medical' }),
        locale,
        false,
        (w) => {
          w.thresholdErrors = { value: 'wizard.train.threshold.invalid.min_sensitivity' };
        },
      );
      expect(html).toMatch(/aria-invalid="true"[^>]*data-testid="set-threshold-value"/);
      expect(html).toMatch(/role="alert"[^>]*data-testid="threshold-invalid"/);
      expect(out).toContain(catalogs[locale]['wizard.train.threshold.invalid.min_sensitivity']);
    }
    const costs = page('train', makeProject('target', { templateId: 'manufacturing' }), 'en', false, (w) => {
      w.thresholdErrors = { falsePositiveCost: 'wizard.train.cost.invalid' };
    });
    expect(costs.html).toMatch(/aria-invalid="true"[^>]*data-testid="set-cost-fp"/);
    expect(costs.html).toMatch(/aria-invalid="false"[^>]*data-testid="set-cost-fn"/);
    expect(costs.text).toContain('Enter a cost above 0; the previous cost is kept.');
    expect(costs.html).not.toContain('data-testid="cost-ratio"');
    // With a trained model, the change waits for an answer; the controls show it meanwhile.
    const asked = page('train', makeProject('model', { templateId: 'medical', step: 'train' }), 'en', false, (w) => {
      w.pendingChange = { kind: 'threshold', settings: { thresholdPolicy: { policy: 'fixed', value: 0.3 } } };
    });
    expect(asked.html).toContain('data-testid="confirm-discard"');
    expect(asked.text).toContain(catalogs.en['wizard.confirm.threshold']);
    expect(/<input[^>]*checked[^>]*data-testid="policy-([a-z_]+)"/.exec(asked.html)?.[1]).toBe('fixed');
    expect(asked.html).toMatch(/value="0.3"[^>]*data-testid="set-threshold-value"/);
    expect(asked.html).toMatch(/data-testid="train-start" disabled/);
  });

  it('Train: "Back to the template defaults" is a bordered button, not plain text', () => {
    const { html } = page('train', makeProject('target', { settings: { dropout: 0.3 } }));
    const button = /<button[^>]*data-testid="settings-reset"[^>]*>/.exec(html)?.[0] ?? '';
    expect(button).toContain('class="button"');
    expect(button).not.toContain('button-quiet');
  });

  it('names the Excel-date conversion the same in the warning, on the card and in "Add a step"', () => {
    const warning = catalogs.en['warnings.excel_serial_date']!;
    const action = catalogs.en['wizard.import.convertDates']!;
    expect(warning).toContain(`"${action}"`);
    expect(catalogs.en['wizard.clean.op.excel_serial_date']!.startsWith(action)).toBe(true);
    expect(
      catalogs.zh['wizard.clean.op.excel_serial_date']!.startsWith(catalogs.zh['wizard.import.convertDates']!),
    ).toBe(true);
    expect(catalogs.zh['warnings.excel_serial_date']).toContain(`“${catalogs.zh['wizard.import.convertDates']}”`);
  });
});
