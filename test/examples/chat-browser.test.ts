// The chat example in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by
// scripts/ensure-chromium.sh; never a browser download) driven by playwright-core, against the example
// started as `npm start` starts it. Loopback only. Keeps a screenshot in test-artifacts/chat.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, startChat, type ChatProcess } from './chat-process.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const WAIT_MS = 30_000;

/** Joins the chat as `name` and waits until `whoami` answered. */
async function joinChat(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url, { timeout: WAIT_MS });
  await page.fill('#name', name);
  await page.click('#join');
  await page.locator('#status', { hasText: `connected as ${name}` }).waitFor({ timeout: WAIT_MS });
}

/** Waits for a line of the log containing every one of `parts`, and returns its text. */
async function lineWith(page: Page, ...parts: string[]): Promise<string> {
  let lines = page.locator('#log li');
  for (const part of parts) lines = lines.filter({ hasText: part });
  await lines.first().waitFor({ timeout: WAIT_MS });
  return (await lines.first().textContent()) ?? '';
}

async function peopleOn(page: Page): Promise<string[]> {
  return page.locator('#people li').allTextContents();
}

describe('the chat example in headless Chromium', { timeout: 180_000 }, () => {
  let chat: ChatProcess;
  let context: BrowserContext;
  let userDataDir: string;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run 'bash scripts/ensure-chromium.sh' (npm test runs it first)`);
    chat = await startChat(90_000, 240_000);
    userDataDir = mkdtempSync(join(tmpdir(), 'wsgate-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // Loopback only: the page and the gateway are addressed by IP; no name resolves.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
      viewport: { width: 900, height: 560 },
    });
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    const code = await chat?.stop();
    assert.equal(code, 0, `the chat example did not stop cleanly:\n${chat?.output()}`);
  });

  test('GIVEN two people on the page WHEN they exchange messages and one leaves THEN each sees the other\'s messages, and the one who stays sees them leave', async () => {
    const alice = await context.newPage();
    const bob = await context.newPage();
    try {
      await converse(alice, bob);
    } catch (e) {
      // What each page showed when it went wrong, next to the test's screenshot.
      mkdirSync(ARTIFACTS, { recursive: true });
      await alice.screenshot({ path: join(ARTIFACTS, 'chat-failure-alice.png') }).catch(() => undefined);
      await bob.screenshot({ path: join(ARTIFACTS, 'chat-failure-bob.png') }).catch(() => undefined);
      throw e;
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    await alice.screenshot({ path: join(ARTIFACTS, 'chat.png'), fullPage: true });
    assert.ok(existsSync(join(ARTIFACTS, 'chat.png')));
  });

  /** Alice and Bob join, exchange a message each, and Bob leaves. */
  async function converse(alice: Page, bob: Page): Promise<void> {
    // GIVEN Alice, then Bob
    await joinChat(alice, chat.pageUrl, 'Alice');
    await joinChat(bob, chat.pageUrl, 'Bob');
    assert.match(await lineWith(alice, 'Bob joined.'), /Bob joined\./);
    assert.deepEqual(await peopleOn(bob), ['Alice', 'Bob']);
    await alice.locator('#people li', { hasText: 'Bob' }).waitFor({ timeout: WAIT_MS });
    assert.deepEqual(await peopleOn(alice), ['Alice', 'Bob']);

    // WHEN they exchange messages
    await alice.fill('#text', 'Hello Bob, <b>not bold</b>');
    await alice.click('#send');
    assert.match(await lineWith(bob, 'Alice', 'Hello Bob'), /AliceHello Bob, <b>not bold<\/b>$/);
    await bob.fill('#text', 'Hi Alice!');
    await bob.press('#text', 'Enter');
    assert.match(await lineWith(alice, 'Bob', 'Hi Alice!'), /BobHi Alice!$/);
    // Each also sees their own message, in the same order as the other.
    await lineWith(alice, 'Alice', 'Hello Bob');
    await lineWith(bob, 'Bob', 'Hi Alice!');
    const order = async (page: Page) => (await page.locator('#log li:not(.notice) .from').allTextContents());
    assert.deepEqual(await order(alice), ['Alice', 'Bob']);
    assert.deepEqual(await order(bob), ['Alice', 'Bob']);
    // Text stays text: the markup was not rendered.
    assert.equal(await bob.locator('#log b').count(), 0);

    // AND one leaves
    await bob.click('#leave');
    await lineWith(bob, 'You left the chat.');

    // THEN the one who stays sees it
    assert.match(await lineWith(alice, 'Bob left.'), /Bob left\./);
    await alice.locator('#people li', { hasText: 'Bob' }).waitFor({ state: 'detached', timeout: WAIT_MS });
    assert.deepEqual(await peopleOn(alice), ['Alice']);
  }
});
