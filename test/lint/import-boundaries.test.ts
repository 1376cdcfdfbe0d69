// The lint rule that keeps chat SDKs and adapters out of commands/, jobs/, src/core and
// src/domain: each forbidden import is reported there, and the same imports pass in an adapter.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { after } from 'node:test';

const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
// A scratch copy of the project's lint settings, so the probes never sit in the real tree.
const root = mkdtempSync(path.join(tmpdir(), 'lint-'));
copyFileSync('biome.jsonc', path.join(root, 'biome.jsonc'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Lints `source` as if it lived at `file`, and returns the lines that name a restricted import. */
function restrictedImports(file: string, source: string): string[] {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), source);
  const run = spawnSync(process.execPath, [biome, 'lint', '--colors=off', file], { cwd: root, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('lint/style/noRestrictedImports'));
}

const forbidden = [
  "import { App } from '@slack/bolt';",
  "import { WebClient } from '@slack/web-api';",
  "import { Telegraf } from 'telegraf';",
  "import { message } from 'telegraf/filters';",
  "import { renderBlocks } from '../src/adapters/slack/render-blocks.ts';",
];

for (const folder of ['commands', 'jobs', 'src/core', 'src/domain']) {
  test(`${folder}/ may not import a chat SDK or an adapter`, () => {
    for (const line of forbidden) {
      assert.equal(restrictedImports(`${folder}/probe.ts`, `${line}\n`).length, 1, `${folder}: ${line}`);
    }
  });
}

test('adapters and plain modules import what they need', () => {
  for (const line of forbidden) assert.deepEqual(restrictedImports('src/adapters/slack/probe.ts', `${line}\n`), []);
  assert.deepEqual(restrictedImports('commands/probe.ts', "import { heading } from '../src/core/reply.ts';\n"), []);
});
