/**
 * Re-identification risk over chosen quasi-identifiers, as ARX defines it (SPEC §8; REFERENCE.md
 * §2.2, oracle §3.4): equivalence classes, k-anonymity, distinct ℓ-diversity, t-closeness and the
 * prosecutor risk model. Without a population table, journalist and marketer risk equal the
 * prosecutor's average risk, so they are not computed separately.
 */

/** Records with identical quasi-identifier values (ARX `getGroups`). */
export interface EquivalenceClass {
  /** The quasi-identifier values of the class. */
  key: string[];
  /** 0-based indices of its records. */
  rows: number[];
}

/**
 * Group records (rows × quasi-identifiers, values as text — map missing to a marker first) into
 * equivalence classes, in order of first appearance.
 */
export function equivalenceClasses(rows: string[][]): EquivalenceClass[] {
  const byKey = new Map<string, EquivalenceClass>();
  rows.forEach((row, i) => {
    // JSON of the array cannot collide for different value lists, unlike a joined string.
    const k = JSON.stringify(row);
    let ec = byKey.get(k);
    if (!ec) byKey.set(k, (ec = { key: [...row], rows: [] }));
    ec.rows.push(i);
  });
  return [...byKey.values()];
}

/** k of k-anonymity: the size of the smallest equivalence class (Sweeney 2002); 0 for no records. */
export function kAnonymity(classes: EquivalenceClass[]): number {
  return classes.length ? Math.min(...classes.map((c) => c.rows.length)) : 0;
}

/** Records in classes smaller than `k`, as a count and a share of all records (SPEC §8). */
export function recordsBelowK(classes: EquivalenceClass[], k: number): { records: number; share: number } {
  const n = classes.reduce((a, c) => a + c.rows.length, 0);
  const records = classes.reduce((a, c) => a + (c.rows.length < k ? c.rows.length : 0), 0);
  return { records, share: n ? records / n : 0 };
}

/**
 * Distinct ℓ-diversity (ARX `DistinctLDiversity`): the number of distinct sensitive values in each
 * class, and ℓ = the smallest. A missing sensitive value (null) counts as one more value.
 * `sensitive` is indexed like the rows given to {@link equivalenceClasses}.
 */
export function distinctLDiversity(
  classes: EquivalenceClass[],
  sensitive: (string | null)[],
): { l: number; perClass: number[] } {
  const perClass = classes.map((c) => new Set(c.rows.map((i) => sensitive[i] ?? null)).size);
  return { l: perClass.length ? Math.min(...perClass) : 0, perClass };
}

export interface ProsecutorRisk {
  /** r_B = 1 / min_j f_j. */
  highest: number;
  /** r_M = 1 / max_j f_j. */
  lowest: number;
  /** r_C = #classes / n (the success rate). */
  average: number;
  /** r_A = Σ_{j: 1/f_j > threshold} f_j / n. */
  recordsAtRisk: number;
}

/**
 * Prosecutor re-identification risk (ARX `RiskModelSampleSummary.getProsecutorRisk`, after El
 * Emam): record risk 1/f_j for a record in a class of size f_j; `threshold` is the highest
 * acceptable record risk (a record is at risk when 1/f_j > threshold). All zero for no records.
 */
export function prosecutorRisk(classes: EquivalenceClass[], threshold: number): ProsecutorRisk {
  const sizes = classes.map((c) => c.rows.length);
  const n = sizes.reduce((a, b) => a + b, 0);
  if (n === 0) return { highest: 0, lowest: 0, average: 0, recordsAtRisk: 0 };
  return {
    highest: 1 / Math.min(...sizes),
    lowest: 1 / Math.max(...sizes),
    average: sizes.length / n,
    recordsAtRisk: sizes.reduce((a, f) => a + (1 / f > threshold ? f : 0), 0) / n,
  };
}

const collator = new Intl.Collator('en', { numeric: true });

/**
 * t-closeness (Li, Li & Venkatasubramanian 2007): the Earth Mover's Distance between each class's
 * distribution of the sensitive attribute and the whole table's, and t = the largest.
 * - `equal` ground distance (every two values at distance 1): EMD = ½ Σ_i |p_i − q_i| (ARX
 *   `EqualDistanceTCloseness`).
 * - `ordered` ground distance over the m distinct values in order: EMD = (1/(m−1)) Σ_i |Σ_{j≤i}
 *   (p_j − q_j)| (ARX `OrderedDistanceTCloseness`). The order is `order` when given, else numeric
 *   when every value is a number, else natural text order. A missing value (null) is one more value
 *   (last in the ordered case).
 * @throws Error when `order` lacks a value present in the data.
 */
export function tCloseness(
  classes: EquivalenceClass[],
  sensitive: (string | null)[],
  opts: { distance: 'equal' } | { distance: 'ordered'; order?: string[] } = { distance: 'equal' },
): { t: number; perClass: number[] } {
  const all = classes.flatMap((c) => c.rows);
  const present = [...new Set(all.map((i) => sensitive[i] ?? null))];
  let values: (string | null)[];
  if (opts.distance === 'ordered' && opts.order) {
    const missing = present.filter((v) => v !== null && !opts.order!.includes(v));
    if (missing.length) throw new Error(`tCloseness: values not in the order: ${missing.join(', ')}`);
    values = [...opts.order, ...(present.includes(null) ? [null] : [])];
  } else {
    const texts = present.filter((v): v is string => v !== null);
    const numeric = texts.length > 0 && texts.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
    texts.sort(numeric ? (a, b) => Number(a) - Number(b) : collator.compare);
    values = [...texts, ...(present.includes(null) ? [null] : [])];
  }
  const index = new Map(values.map((v, i) => [v, i] as const));
  const dist = (rows: number[]) => {
    const p = new Float64Array(values.length);
    for (const i of rows) p[index.get(sensitive[i] ?? null)!]! += 1 / rows.length;
    return p;
  };
  const q = dist(all);
  const m = values.length;
  const perClass = classes.map((c) => {
    const p = dist(c.rows);
    if (opts.distance === 'equal') {
      let s = 0;
      for (let i = 0; i < m; i++) s += Math.abs(p[i]! - q[i]!);
      return s / 2;
    }
    if (m < 2) return 0;
    let cum = 0;
    let s = 0;
    for (let i = 0; i < m; i++) {
      cum += p[i]! - q[i]!;
      s += Math.abs(cum);
    }
    return s / (m - 1);
  });
  return { t: perClass.length ? Math.max(...perClass) : 0, perClass };
}
