/** Progress lines of the command line: one line per stage and per epoch, a summary at the end. */
import { translate } from '../shared/i18n';
import { TOO_GOOD_ROC_AUC } from '../shared/model/metrics';
import type { JobEvent } from '../shared/jobs';
import type { RunResult } from '../engine/jobs/run';
import { smallTestMessage, smallTestSplit } from '../shared/results';

const f3 = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(3);

const BACKEND_NAMES: Record<string, string> = {
  'tensorflow-gpu': 'TensorFlow with CUDA (GPU)',
  tensorflow: 'native TensorFlow (CPU)',
  wasm: 'WebAssembly (CPU)',
  cpu: 'plain JavaScript (CPU)',
};

/** A printer for `runJob` events writing to `out` (stderr). */
export function createProgressPrinter(out: NodeJS.WritableStream) {
  let lastStage = '';
  const started = Date.now();
  return {
    onEvent(event: JobEvent): void {
      if (event.type === 'epoch') {
        out.write(
          `  epoch ${String(event.epoch).padStart(3)}/${event.maxEpochs}  loss ${f3(event.loss)}  val_loss ${f3(event.valLoss)}` +
            (event.valMetric !== null ? `  val_metric ${f3(event.valMetric)}` : '') +
            `  (${event.seconds.toFixed(1)} s)\n`,
        );
      } else if (event.type === 'progress') {
        if (event.stage === 'backend') {
          out.write(`Training on ${BACKEND_NAMES[event.message ?? ''] ?? event.message} …\n`);
        } else if (event.message && event.stage !== lastStage) out.write(`${event.message}\n`);
        else if (event.message && event.fraction === null) out.write(`${event.message}\n`);
        lastStage = event.stage;
      } else if (event.type === 'log') {
        out.write(
          `${event.level === 'info' ? '' : event.level === 'warn' ? 'warning: ' : 'error: '}${event.message}\n`,
        );
      }
    },
    finish(): void {
      out.write(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    },
    printRunSummary(result: RunResult): void {
      const r = result.report;
      const m = r.evaluation.metrics;
      out.write('\n');
      const small = smallTestSplit(m);
      if (small) {
        const warning = smallTestMessage(small);
        out.write(`warning: ${translate('en', warning.key, warning.params)}\n`);
      }
      if (m.task === 'binary') {
        const ci = m.intervals.rocAuc;
        if (m.rocAuc !== null && m.rocAuc >= TOO_GOOD_ROC_AUC)
          out.write(`warning: ${translate('en', 'summary.tooGood', { auc: m.rocAuc.toFixed(3) })}\n`);
        out.write(
          `Test ROC AUC ${f3(m.rocAuc)}${ci ? ` (95 % interval ${f3(ci.low)}–${f3(ci.high)})` : ''}, accuracy ${f3(m.accuracy)}, F1 ${f3(m.f1)} at threshold ${m.threshold.toFixed(2)}\n`,
        );
      } else if (m.task === 'multiclass') {
        out.write(`Test accuracy ${f3(m.accuracy)}, macro-F1 ${f3(m.macroF1)}\n`);
      } else {
        out.write(`Test MAE ${f3(m.mae)}, RMSE ${f3(m.rmse)}, R² ${f3(m.r2)}\n`);
      }
      for (const b of r.evaluation.baselines) {
        const bm = b.metrics;
        const v =
          bm.task === 'binary'
            ? `ROC AUC ${f3(bm.rocAuc)}, accuracy ${f3(bm.accuracy)}`
            : bm.task === 'multiclass'
              ? `accuracy ${f3(bm.accuracy)}`
              : `MAE ${f3(bm.mae)}, R² ${f3(bm.r2)}`;
        out.write(`  baseline ${translate('en', `report.baseline.${b.name}`)}: ${v}\n`);
      }
      const importance = r.evaluation.importance;
      if (importance?.columns.length) {
        const top = importance.columns.slice(0, 5).map((c) => `${c.column} ${f3(c.mean)}`);
        out.write(
          `Permutation importance (drop in test ${translate('en', `report.metric.${importance.metric}`)}): ${top.join(', ')}\n`,
        );
      }
      const membership = r.evaluation.membership;
      if (membership)
        out.write(
          `Membership-inference audit: attack ROC AUC ${f3(membership.auc)} on ${membership.members} training and ${membership.nonMembers} test records (0.5: it reveals nothing about who was in the training data)\n`,
        );
      out.write(
        `Backend ${r.training.backend}, ${r.training.epochs.length} epochs (best ${r.training.bestEpoch}), ${r.training.seconds.toFixed(1)} s of training\n`,
      );
      for (const f of r.fairness) {
        if (!f.summary) {
          out.write(
            `Fairness by ${f.attribute}: not comparable (${translate('en', f.notComparableReason ?? 'fairness.notComparable', { attribute: f.attribute })})\n`,
          );
          continue;
        }
        const s = f.summary;
        // The numbers each task has (src/engine/fairness/tasks.ts): errors for regression, accuracy for multiclass.
        const numbers =
          f.task === 'regression'
            ? `MAE difference ${f3(s.maeDifference)}, mean prediction difference ${f3(s.meanPredictionDifference)}`
            : f.task === 'multiclass'
              ? `accuracy difference ${f3(s.accuracyDifference)}` +
                (f.favourableLabel
                  ? `, demographic parity difference of "${f.favourableLabel}" ${f3(s.demographicParityDifference)}, ratio ${f3(s.demographicParityRatio)}`
                  : '')
              : `demographic parity difference ${f3(s.demographicParityDifference)}, ratio ${f3(s.demographicParityRatio)}, ` +
                `equalized odds difference ${f3(s.equalizedOddsDifference)}`;
        out.write(`Fairness by ${f.attribute}: ${numbers} → ${f.verdict.replace(/_/g, ' ')}\n`);
      }
      const flagged = r.privacy.columns.filter((c) => c.class !== 'other');
      if (flagged.length === 0) out.write('Privacy: no personal data found\n');
      for (const c of flagged) {
        out.write(
          `Privacy: ${c.column} — ${c.class.replace(/_/g, ' ')}${c.entities.length ? ` (${c.entities.map((e) => `${e.entity} ×${e.count}`).join(', ')})` : ''}${c.excludedFromFeatures ? ', left out of the features' : ''}\n`,
        );
      }
      for (const [kind, file] of Object.entries(result.written)) if (file) out.write(`Wrote ${kind}: ${file}\n`);
      if (result.pdfProblem) out.write(`warning: ${result.pdfProblem}\n`);
    },
  };
}
