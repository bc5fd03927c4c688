/**
 * The recent-projects list, `userDataDir/recent.json`: most recent first, one entry per folder,
 * written atomically (write to a temp file, then rename) so a crash never leaves half a file.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { RecentProjectSchema, type RecentProject } from '../shared/model/project';

/** How many projects the list keeps. */
export const RECENT_LIMIT = 10;

const RecentFileSchema = z.object({ version: z.literal(1), projects: z.array(z.unknown()) });

function recentFile(userDataDir: string): string {
  return path.join(userDataDir, 'recent.json');
}

/**
 * The list, most recent first, without entries whose folder is gone. A missing or unreadable
 * file is an empty list (the list is a convenience; it never stops the app).
 */
export async function readRecent(userDataDir: string): Promise<RecentProject[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(recentFile(userDataDir), 'utf8'));
  } catch {
    return [];
  }
  const parsed = RecentFileSchema.safeParse(raw);
  if (!parsed.success) return [];
  return parsed.data.projects
    .map((p) => RecentProjectSchema.safeParse(p))
    .filter((r) => r.success)
    .map((r) => r.data)
    .filter((p) => existsSync(p.path));
}

/** Put `entry` first (replacing an older entry for the same folder) and save. */
export async function addRecent(userDataDir: string, entry: RecentProject): Promise<RecentProject[]> {
  const list = [
    entry,
    ...(await readRecent(userDataDir)).filter((p) => path.resolve(p.path) !== path.resolve(entry.path)),
  ].slice(0, RECENT_LIMIT);
  await mkdir(userDataDir, { recursive: true });
  await writeFileAtomic(recentFile(userDataDir), JSON.stringify({ version: 1, projects: list }, null, 2) + '\n');
  return list;
}
