/**
 * `plan --lang` (issue #17): the messages of `plan freeze` and `plan verify` in English
 * (unchanged) and Dutch; the frozen plan and its hash are the same bytes in both languages; an
 * unknown language is a usage error naming --lang.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PAP } from '../evaluate/small-pre-analysis-plan.js';
import { cli } from '../fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-plan-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const planFile = join(dir, 'plan.json');
writeFileSync(planFile, JSON.stringify(SMALL_PAP));

describe('plan --lang', () => {
  it('freeze: the same frozen plan and hash, the message in Dutch', async () => {
    const en = await cli(['plan', 'freeze', planFile, '--out', join(dir, 'en.json')]);
    const nl = await cli([
      'plan',
      'freeze',
      planFile,
      '--out',
      join(dir, 'nl.json'),
      '--lang',
      'nl',
    ]);
    expect(en.code, en.err).toBe(0);
    expect(nl.code, nl.err).toBe(0);
    expect(readFileSync(join(dir, 'nl.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'en.json'), 'utf8'),
    );
    expect(nl.out).toBe(en.out);
    expect(en.out).toMatch(/^sha256 [0-9a-f]{64}\n$/);
    expect(en.err).toContain('register this hash before the outcomes are seen');
    expect(nl.err).toBe(
      `${planFile} bevroren in ${join(dir, 'nl.json')}; registreer deze hash voordat de uitkomsten bekend zijn\n`,
    );
    const toStdout = await cli(['plan', 'freeze', planFile, '--lang', 'nl']);
    expect(toStdout.out).toBe(readFileSync(join(dir, 'en.json'), 'utf8'));
  });

  it('verify: ok in Dutch', async () => {
    const frozen = join(dir, 'en.json');
    const en = await cli(['plan', 'verify', frozen]);
    const nl = await cli(['plan', 'verify', frozen, '--lang', 'nl']);
    const hash = en.out.slice(7, 71);
    expect(en.out).toBe(`sha256 ${hash}  ok: ${frozen} is unchanged since it was frozen\n`);
    expect(nl.out).toBe(`sha256 ${hash}  ok: ${frozen} is ongewijzigd sinds het bevriezen\n`);
  });

  it('refuses --lang de, naming --lang', async () => {
    const r = await cli(['plan', 'verify', join(dir, 'en.json'), '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang: expected "en" or "nl", got "de"');
  });
});
