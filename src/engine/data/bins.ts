/**
 * Labels of right-open bins [e_i, e_{i+1}) shared by the recipe's `bin` step and the fairness
 * binning of numeric attributes, so a band reads the same everywhere: `<25`, `25–44`, `45–64`,
 * `65+` for integer edges and values (SPEC §7 age bands), `[a, b)` and `≥z` otherwise.
 */
export function binLabels(edges: readonly number[], integral = edges.every(Number.isInteger)): string[] {
  const labels = [`<${edges[0]}`];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    labels.push(integral ? (b - 1 === a ? `${a}` : `${a}–${b - 1}`) : `[${a}, ${b})`);
  }
  labels.push(integral ? `${edges[edges.length - 1]}+` : `≥${edges[edges.length - 1]}`);
  return labels;
}
