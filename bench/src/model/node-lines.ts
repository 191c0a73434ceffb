/**
 * Node.js release lines and where each stands on a given date (nodejs.org/en/about/previous-releases),
 * so the README can say which measured lines are end of life, in maintenance or active.
 */

/** One release line's schedule (ISO dates). */
export interface NodeLine {
  major: string;
  /** First release of the line. */
  release: string;
  /** Active LTS from (even majors); null for lines that never become LTS. */
  activeLts: string | null;
  maintenance: string;
  endOfLife: string;
}

/** The lines the bench measures, and the one after them. */
export const NODE_LINES: readonly NodeLine[] = [
  {
    major: '20',
    release: '2023-04-18',
    activeLts: '2023-10-24',
    maintenance: '2024-10-22',
    endOfLife: '2026-04-30',
  },
  {
    major: '22',
    release: '2024-04-24',
    activeLts: '2024-10-29',
    maintenance: '2025-10-21',
    endOfLife: '2027-04-30',
  },
  {
    major: '24',
    release: '2025-05-06',
    activeLts: '2025-10-28',
    maintenance: '2026-10-20',
    endOfLife: '2028-04-30',
  },
  {
    major: '26',
    release: '2026-04-22',
    activeLts: '2026-10-28',
    maintenance: '2027-10-20',
    endOfLife: '2029-04-30',
  },
];

/** Where a line stands on `date`, as a phrase for the README ("maintenance LTS until 2028-04-30"). */
export function lineStatus(major: string, date: string): string {
  const line = NODE_LINES.find((l) => l.major === major);
  if (!line) return 'release schedule not known to the bench';
  const day = date.slice(0, 10);
  if (day >= line.endOfLife) return `end of life since ${line.endOfLife}`;
  if (day >= line.maintenance) return `maintenance LTS until ${line.endOfLife}`;
  if (line.activeLts && day >= line.activeLts) return `active LTS since ${line.activeLts}`;
  return `current release, LTS from ${line.activeLts ?? 'never'}`;
}

/** The major of a version string: `v26.10.0` → `26`. */
export function majorOf(version: string): string {
  return version.replace(/^v/, '').split('.')[0] ?? version;
}
