// End to end through the built command line, on the real German credit and Adult files: the PDF is
// read back with pdftotext and must show the same numbers as report.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, modelwise, pdfText } from '../helpers/cli';
import { caseFile, dataset } from '../helpers/paths';
import type { ReportModel } from '../../src/shared/model/report';

const out = mkdtempSync(path.join(tmpdir(), 'mw-cli-'));
const modelDir = path.join(out, 'german-model');

beforeAll(() => ensureCliBuilt(), 300_000);

describe('modelwise run', () => {
  it('trains on German credit and writes a PDF with the ROC AUC, the fairness table and the privacy findings', async () => {
    const pdf = path.join(out, 'german.pdf');
    const r = await modelwise([
      'run',
      dataset('german_credit.train.csv'),
      '--test',
      dataset('german_credit.test.csv'),
      '--target',
      'class',
      '--template',
      'finance',
      '--sensitive',
      'personal_status',
      '--model',
      modelDir,
      '--out',
      pdf,
    ]);
    expect(r.stderr).toMatch(/epoch\s+1\//);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'german.json'), 'utf8')) as ReportModel;
    const m = report.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('expected a binary task');
    expect(m.positiveClass).toBe('bad');
    expect(m.rocAuc).toBeGreaterThanOrEqual(0.78);
    expect(report.training.testRows).toBe(200);

    const text = pdfText(pdf);
    expect(text).toContain(m.rocAuc!.toFixed(3));
    // Fairness table: personal_status groups by name, and the favourable outcome (approval).
    expect(report.fairness[0]!.attribute).toBe('personal_status');
    for (const g of report.fairness[0]!.groups) expect(text).toContain(g.group);
    expect(text).toMatch(/personal_status/);
    // Privacy section present, with its findings (German credit has no direct identifiers).
    expect(text).toMatch(/Privacy/i);
    expect(report.privacy.columns.filter((c) => c.class === 'direct_identifier')).toEqual([]);
    // personal_status is an ECOA protected basis: not a feature under the finance template.
    expect(report.data.features).not.toContain('personal_status');
    expect(report.data.excluded.map((e) => e.column)).toContain('personal_status');
  });

  it('refuses a missing file, naming it', async () => {
    const r = await modelwise(['run', path.join(out, 'nope.csv'), '--target', 'x', '--out', path.join(out, 'x.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.csv');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses an unknown target column, naming it and listing the columns', async () => {
    const r = await modelwise([
      'run',
      dataset('german_credit.csv'),
      '--target',
      'credit_score',
      '--out',
      path.join(out, 'x.pdf'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('credit_score');
    expect(r.stderr).toContain('checking_status');
  });

  it('refuses a target with a single class before training (case C15)', async () => {
    const pdf = path.join(out, 'c15.pdf');
    const r = await modelwise(['run', caseFile('C15-single-class-target.csv'), '--target', 'churned', '--out', pdf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('churned');
    expect(r.stderr).toContain('"no"');
    expect(r.stderr).not.toMatch(/epoch/);
    expect(existsSync(pdf)).toBe(false);
  });

  it('lists every option of a command with --help', async () => {
    const r = await modelwise(['run', '--help']);
    expect(r.code).toBe(0);
    for (const option of [
      '--target',
      '--sensitive',
      '--favourable',
      '--binarize',
      '--no-header',
      '--encoding',
      '--threshold',
      '--min-sensitivity',
      '--approval-rate',
      '--costs',
    ])
      expect(r.stdout).toContain(option);
  });

  it('explains usage errors with exit code 2', async () => {
    const r = await modelwise(['run', dataset('german_credit.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--target');
  });

  it('refuses bad option values before reading any data, naming the option', async () => {
    const base = ['run', dataset('german_credit.csv'), '--target', 'class'];
    const cases: [string[], RegExp][] = [
      [['--epochs', '0', '--out', path.join(out, 'e.pdf')], /--epochs must be a whole number of at least 1/],
      [['--locale', 'fr', '--out', path.join(out, 'l.pdf')], /--locale must be "en" or "zh", not "fr"/],
      [['--out', path.join(out, 'report.txt')], /must end in \.pdf/],
    ];
    for (const [args, message] of cases) {
      const r = await modelwise([...base, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const bad = await modelwise([...base, '--binarize', 'class>>1', '--out', path.join(out, 'b.pdf')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--binarize.*unknown comparison/);
  });
});

describe('modelwise run: the threshold policy', () => {
  const pima = dataset('pima_diabetes.csv');
  const cases: [string, string[], Partial<NonNullable<ReportModel['threshold']>>][] = [
    ['general', ['--threshold', '0.4'], { value: 0.4, rule: { policy: 'fixed', value: 0.4 } }],
    ['medical', ['--min-sensitivity', '0.8'], { rule: { policy: 'min_sensitivity', value: 0.8 } }],
    [
      'finance',
      ['--approval-rate', '0.7'],
      { rule: { policy: 'approval_rate', value: 0.7 }, approval: 'predicted_negative' },
    ],
    [
      'manufacturing',
      ['--costs', '10:1'],
      { rule: { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 } },
    ],
  ];

  it.each(cases)(
    'the %s template with %j goes into report.json as the user policy',
    async (template, args, expected) => {
      const pdf = path.join(out, `threshold-${template}.pdf`);
      const r = await modelwise([
        'run',
        pima,
        '--target',
        'diabetes',
        '--template',
        template,
        '--epochs',
        '2',
        ...args,
        '--out',
        pdf,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.json'), 'utf8')) as ReportModel;
      expect(report.threshold).toMatchObject({ source: 'user', ...expected });
      const m = report.evaluation.metrics;
      if (m.task !== 'binary') throw new Error('expected a binary task');
      expect(report.threshold!.value).toBe(m.threshold);
      expect(report.training.settings.thresholdPolicy).toEqual(expected.rule);
      const keys = report.summary.map((s) => s.key);
      if (expected.rule!.policy !== 'fixed') {
        expect(keys).toContain('summary.policy.userSet');
        expect(keys).toContain(`summary.policy.achieved.${expected.rule!.policy}`);
        expect(Object.keys(report.threshold!.validation).length).toBeGreaterThan(0);
      }
      // The approval rate reached on validation is the share asked for, within one row's worth.
      if (expected.rule!.policy === 'approval_rate')
        expect(report.threshold!.validation.approvalRate).toBeCloseTo(0.7, 1);
    },
  );

  it('refuses a bad value, two policies at once, or one the template does not offer, with exit code 2', async () => {
    const base = ['run', pima, '--target', 'diabetes', '--out', path.join(out, 'bad-threshold.pdf')];
    const cases: [string[], RegExp][] = [
      [['--threshold', '1.5'], /--threshold must be a probability between 0 and 1 .*not "1\.5"/],
      [['--threshold', '0'], /--threshold must be a probability/],
      [['--min-sensitivity', '0'], /--min-sensitivity must be a share above 0 and at most 1/],
      [['--approval-rate', '70'], /--approval-rate must be a share between 0 and 1 .*not "70"/],
      [['--approval-rate', 'x'], /--approval-rate must be/],
      [['--costs', '10'], /--costs must be two costs above 0 as FN:FP/],
      [['--costs', '10:0'], /--costs must be two costs above 0/],
      [['--costs', '10:-1'], /--costs must be/],
      [['--threshold', '0.4', '--costs', '10:1'], /--threshold and --costs cannot be used together/],
      [
        ['--template', 'medical', '--approval-rate', '0.7'],
        /the medical template does not choose its threshold with --approval-rate; it offers --min-sensitivity, --threshold/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await modelwise([...base, ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/epoch/);
    }
  });
});

describe('modelwise profile', () => {
  it('prints the import result as JSON with the first rows', async () => {
    const r = await modelwise(['profile', dataset('adult.data'), '--json', '--rows', '3']);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as {
      rowCount: number;
      headerRow: number;
      encoding: string;
      delimiter: string;
      columns: { name: string; type: string }[];
      rows: Record<string, unknown>[];
    };
    expect(p.rowCount).toBe(32561);
    expect(p.headerRow).toBe(0);
    expect(p.delimiter).toBe(',');
    expect(p.columns.map((c) => c.name)).toEqual(Array.from({ length: 15 }, (_, i) => `column${i + 1}`));
    expect(p.rows).toHaveLength(3);
    expect(p.rows[0]).toMatchObject({ column1: 39, column2: 'State-gov', column15: '<=50K' });
  });

  it('prints the statistics and the target checks as text with --full --target', async () => {
    const plain = await modelwise(['profile', dataset('pima_diabetes.csv')]);
    const full = await modelwise(['profile', dataset('pima_diabetes.csv'), '--full', '--target', 'diabetes']);
    expect(full.code, full.stderr).toBe(0);
    expect(plain.stdout).not.toMatch(/^Profile \(/m);
    expect(full.stdout).toMatch(/^Profile \(768 rows, 0 duplicate rows\):/m);
    expect(full.stdout).toMatch(/^ {2}glucose +min 0 +median 117 +mean 120\.895 +max 199$/m);
  });
});

describe('modelwise profile rows', () => {
  it('keeps the columns in file order in each row, numeric-looking names included (case C02)', async () => {
    const r = await modelwise(['profile', caseFile('C02-bom-quoted-header.csv'), '--json', '--rows', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.slice(r.stdout.indexOf('"rows"'));
    expect(rows.indexOf('"Country Name"')).toBeLessThan(rows.indexOf('"2019"'));
    expect(JSON.parse(r.stdout).rows[0]).toEqual({
      'Country Name': 'Testland',
      'Country Code': 'TST',
      Indicator: 'Growth (%)',
      2019: 2.1,
      2020: -3.4,
    });
  });
});

describe('modelwise score', () => {
  // Uses the model package the German credit run above wrote (tests in a file run in order).
  it('adds the prediction and the probability of the positive class to each row', async () => {
    const scored = path.join(out, 'scored.csv');
    const r = await modelwise(['score', dataset('german_credit.test.csv'), '--model', modelDir, '--out', scored]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(scored, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[0]).toMatch(/,predicted_class,probability_bad$/);
    const last = lines[1]!.split(',');
    expect(['good', 'bad']).toContain(last[last.length - 2]);
    expect(Number(last[last.length - 1])).toBeGreaterThanOrEqual(0);
  });

  it('scores the same from the package as one .zip (made by another zip tool) as from its folder', async () => {
    const zip = path.join(out, 'german-model.zip');
    execFileSync('/usr/bin/python3', [
      '-c',
      'import os, sys, zipfile\nwith zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:\n  for n in sorted(os.listdir(sys.argv[1])): z.write(os.path.join(sys.argv[1], n), n)',
      modelDir,
      zip,
    ]);
    const scored = path.join(out, 'scored-zip.csv');
    const r = await modelwise(['score', dataset('german_credit.test.csv'), '--model', zip, '--out', scored]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Scored 200 rows');
    expect(readFileSync(scored, 'utf8')).toBe(readFileSync(path.join(out, 'scored.csv'), 'utf8'));

    const broken = path.join(out, 'broken.zip');
    writeFileSync(broken, readFileSync(zip).subarray(0, 64));
    const bad = await modelwise(['score', dataset('german_credit.test.csv'), '--model', broken, '--out', scored]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${broken} is not a Modelwise model package`);
  });

  it('refuses a file without a column the model needs, naming it', async () => {
    const r = await modelwise([
      'score',
      caseFile('C15-single-class-target.csv'),
      '--model',
      modelDir,
      '--out',
      path.join(out, 'x.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs the column "checking_status"/);
  });

  it('refuses a package path that does not exist as not found, and a folder that is not a package', async () => {
    const score = (model: string) =>
      modelwise(['score', dataset('german_credit.test.csv'), '--model', model, '--out', path.join(out, 'x.csv')]);
    const missing = await score(path.join(out, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`File not found: ${path.join(out, 'nope')}`);
    const folder = mkdtempSync(path.join(out, 'not-a-package-'));
    const r = await score(folder);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a Modelwise model package/);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });
});
