/** Finding a Chromium or Chrome to print reports with (DESIGN.md "Reports"). */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Usual install locations, most specific first, per platform. */
function candidates(): string[] {
  if (process.platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    return roots.flatMap((root) => [
      path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join(root, 'Chromium', 'Application', 'chrome.exe'),
      // Edge is Chromium and ships with every Windows 10/11.
      path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Chromium/Chrome to print with: `explicit` (the CLI's `--chromium`), else `MODELWISE_CHROMIUM`,
 * else the first usual install path that exists (/usr/bin/chromium, /usr/bin/chromium-browser,
 * /usr/bin/google-chrome, macOS and Windows Chrome paths). A path given explicitly or in the
 * environment is used as is, never replaced by a guess: null when it does not exist.
 * @returns the executable's path, or null when none is found.
 */
export function findChromium(explicit?: string): string | null {
  const chosen = explicit ?? process.env.MODELWISE_CHROMIUM;
  if (chosen) return isFile(chosen) ? chosen : null;
  return candidates().find(isFile) ?? null;
}
