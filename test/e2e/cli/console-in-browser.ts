import type { ChildProcess } from 'node:child_process';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { until } from '../../reliability/support.js';
import type { CliRun } from './built-cli.js';
import type { Workspace } from './workspace.js';

/** Debian's chromium (`.ci/run` installs it when missing); CHROMIUM_PATH names another build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/;

export interface ConsoleInBrowser {
  /** The printed link, one-time token included. */
  readonly url: string;
  /** The console's address without the token. */
  readonly base: string;
  readonly browser: Browser;
  readonly page: Page;
  /** The `client-sync ui` process, and its end. */
  readonly ui: ChildProcess | undefined;
  readonly done: Promise<CliRun>;
  /** Closes the browser, stops the console and waits for it. */
  readonly close: () => Promise<void>;
}

/** Starts `client-sync ui` of the built CLI in `workspace` and opens headless Chromium beside it. */
export async function openConsoleInBrowser(workspace: Workspace): Promise<ConsoleInBrowser> {
  let stdout = '';
  let ui: ChildProcess | undefined;
  const done = workspace.cli(['ui', '--by', 'browser-test'], {
    onSpawn: (child) => {
      ui = child;
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    },
  });
  await until(() => ADDRESS.test(stdout), 60_000, 'the console to print its address');
  const url = ADDRESS.exec(stdout)?.[0] ?? '';
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1180, height: 900 });
  return {
    url, base: url.replace(/\/\?token=.*/, ''), browser, page, ui, done,
    close: async () => {
      await browser.close();
      ui?.kill('SIGTERM');
      await done;
    },
  };
}
