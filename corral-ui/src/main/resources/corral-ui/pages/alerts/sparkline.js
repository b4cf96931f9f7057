// A rule's recent values as a small inline SVG line (no chart library: thirty points need none).
// The API's sparkline is [{at, value}] oldest first; value is null when an evaluation had no row and
// "Infinity" for an infinite ratio: both are left out of the line (a gap), never drawn as zero.

const SVG = 'http://www.w3.org/2000/svg';
/** Size in CSS pixels: fits a table cell beside the rule's last value. */
export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 24;
/** Room kept above and below the line so its stroke is not cut. */
const PAD = 2;

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

/**
 * The points of the line, one run per stretch of finite values: [[{x, y}, …], …] within
 * width × height, the smallest value at the bottom (a flat series sits in the middle).
 */
export function sparkRuns(points, width = SPARK_WIDTH, height = SPARK_HEIGHT) {
  const values = points.map((point) => (typeof point?.value === 'number' && Number.isFinite(point.value) ? point.value : null));
  const finite = values.filter((value) => value !== null);
  if (finite.length === 0) return [];
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (value) => (high === low ? height / 2 : PAD + (height - 2 * PAD) * (1 - (value - low) / (high - low)));
  const runs = [];
  let run = null;
  values.forEach((value, index) => {
    if (value === null) {
      run = null;
      return;
    }
    if (!run) runs.push(run = []);
    run.push({ x: Math.round(index * step * 10) / 10, y: Math.round(y(value) * 10) / 10 });
  });
  return runs;
}

/** The sparkline element: an <svg> with one polyline per run (a dot for a lone point), titled with the last value. */
export function sparkline(points) {
  const root = svg('svg', { class: 'sparkline', width: SPARK_WIDTH, height: SPARK_HEIGHT,
    viewBox: `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`, role: 'img', 'aria-label': `${points.length} recent values` });
  for (const run of sparkRuns(points)) {
    root.append(run.length === 1 ? svg('circle', { cx: run[0].x, cy: run[0].y, r: 1.5 })
      : svg('polyline', { points: run.map((p) => `${p.x},${p.y}`).join(' '), fill: 'none' }));
  }
  const last = points.at(-1);
  if (last) {
    const title = svg('title', {});
    title.textContent = `${last.value ?? 'no value'} at ${last.at}`;
    root.append(title);
  }
  return root;
}
