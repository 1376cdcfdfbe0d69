// A new query cannot forget the scope quietly. Every query — one tagged template, with the
// fragments written inside it — that reads contacts, responses, answers, inbox messages or
// figures on a user's behalf limits each read with `limitToScope`, directly or through a function
// of its own file that does, or is listed below with the reason it needs no region condition.
// Each query, and each subquery in it, is checked on its own: a file with one limited query and
// one that is not fails. The leak test proves the conditions that exist work; this test, that
// none is missing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

/** Where queries run for a user (sync, sending and figures-building run for the whole org). */
const USER_FACING = [
  'commands',
  'jobs',
  'src/core',
  'src/contacts',
  'src/db/queries',
  'src/digests',
  'src/schedules',
  'src/dialogs',
];
const SCOPED_TABLES =
  /\b(from|join)\s+(contacts|responses|answers|inbox_messages|participation_figures|answer_figures|word_figures)\b/;

/** Queries that read those tables for everyone or for rows already limited, on purpose: file → a piece of the query → why. */
const UNSCOPED: Record<string, Record<string, string>> = {
  'src/db/queries/build-figures.ts': {
    'insert into participation_figures':
      'builds the figures of a poll run for every region (read back through limitToScope)',
  },
  'src/db/queries/derive-answers.ts': {
    'delete from answers': 'sync: derives answers from the runs it just mirrored',
    'insert into answers': 'sync: derives answers from the runs it just mirrored',
  },
  'src/contacts/push-contact-edit.ts': {
    'from contacts': 'a job pushing an edit already checked against the scope when it was asked for (findContact)',
  },
  'src/db/queries/load-contact.ts': {
    'where r.contact_id = ${contactId}': 'the polls of one contact, found in the scope by the query before it',
  },
  'src/db/queries/stream-responses.ts': {
    'from answers a where a.response_id = r.id': 'the answers of each response the statement around it limits',
  },
  'src/db/queries/build-watch-curves.ts': {
    'insert into watch_runs':
      "when each past poll run started, for every region's curve (read back through limitToScope)",
    'width_bucket(': "counts past poll runs' curves for every region, once (read back through limitToScope)",
  },
  'src/db/queries/count-mirror.ts': {
    'select (select count(*) from contacts':
      "what the mirror holds, for `sync status`: an admin's whole-workspace figures",
    'select p.uuid,': "what the mirror holds per poll, for `sync status`: an admin's whole-workspace figures",
  },
  'src/db/queries/describe-removal.ts': {
    'from polls p': "what taking a poll away would do, asked by setup: an admin's whole-workspace question",
    'from reporter_groups g': "what taking a group away would do, asked by setup: an admin's whole-workspace question",
    'from regions g': "what taking a region away would do, asked by setup: an admin's whole-workspace question",
  },
  'src/db/queries/find-poll-run.ts': {
    'select min(r.created_on) from responses r where r.poll_run_id = pr.id':
      'when a universal run was conducted (its first answer anywhere): a fact of the run, for a run the scope has seen',
  },
  'src/db/queries/load-indicator.ts': {
    'select distinct on (r.contact_id)':
      'each contact’s latest baseline, kept for the contacts in scope by the join around it',
  },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

interface Query {
  file: string;
  line: number;
  text: string;
}

/** The file's queries (outermost tagged templates) that read a scoped table without limiting it. */
function unlimitedQueries(file: string): Query[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  // The file's own functions (declared, or arrow functions in a const), by name and body.
  const functions = new Map<string, string>();
  const queries: ts.TaggedTemplateExpression[] = [];
  const visit = (node: ts.Node, inQuery: boolean) => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body) functions.set(node.name.text, node.body.getText());
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
        functions.set(node.name.text, node.initializer.body.getText());
    const query = ts.isTaggedTemplateExpression(node);
    if (query && !inQuery) queries.push(node);
    node.forEachChild((child) => visit(child, inQuery || query));
  };
  visit(source, false);
  // A function limits when its body calls limitToScope or a function of the file that limits.
  const limiting = new Set<string>();
  const calls = (text: string) =>
    text.includes('limitToScope(') || [...limiting].some((name) => new RegExp(`\\b${name}\\(`).test(text));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, body] of functions) if (!limiting.has(name) && calls(body)) grew = Boolean(limiting.add(name));
  }
  const reasons = Object.keys(UNSCOPED[file] ?? {});
  return queries
    .map((node) => ({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: node.template.getText(),
    }))
    .filter(({ text }) => readsUnlimited(text, calls) && !reasons.some((piece) => text.includes(piece)));
}

/**
 * Whether some read of a scoped table has no limit of its own: each `from`/`join` of one needs a
 * limit in the (sub)query it belongs to, up to the parenthesis that closes it or the end.
 */
function readsUnlimited(text: string, limits: (part: string) => boolean): boolean {
  return [...text.matchAll(new RegExp(SCOPED_TABLES, 'g'))].some((read) => {
    // The subquery runs from its opening parenthesis (or the start) to where it closes (or the end).
    let start = read.index;
    for (let depth = 0; start > 0; start--) {
      depth += text[start - 1] === ')' ? 1 : text[start - 1] === '(' ? -1 : 0;
      if (depth < 0) break;
    }
    let end = read.index;
    for (let depth = 0; end < text.length; end++) {
      depth += text[end] === '(' ? 1 : text[end] === ')' ? -1 : 0;
      if (depth < 0) break;
    }
    return !limits(text.slice(start, end));
  });
}

test('every user-facing query on contacts, answers or figures goes through limitToScope', () => {
  const missing = USER_FACING.flatMap(listFiles).flatMap(unlimitedQueries);
  assert.deepEqual(
    missing.map((q) => `${q.file}:${q.line} ${q.text.replace(/\s+/g, ' ').slice(0, 100)}`),
    [],
    'add limitToScope(sql, scope, column) to these queries, or list them in UNSCOPED with why',
  );
});

test('each listed exception still names a query there is', () => {
  for (const [file, pieces] of Object.entries(UNSCOPED)) {
    const text = readFileSync(file, 'utf8');
    for (const piece of Object.keys(pieces)) assert.ok(text.includes(piece), `${file} has no query with ${piece}`);
  }
});
