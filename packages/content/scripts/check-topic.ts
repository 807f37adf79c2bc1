/**
 * Validates topic files against the schema: `node packages/content/scripts/check-topic.ts data/mathematics/*.yaml`.
 * The full content linter (graph, duplicates, coverage) runs in the test suite.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Topic } from '../src/schema.ts';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const result = Topic.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    failed++;
    console.error(`✗ ${file}`);
    for (const issue of result.error.issues) console.error(`    ${issue.path.join('.')}: ${issue.message}`);
  }
}
console.log(`${process.argv.length - 2 - failed} valid, ${failed} invalid`);
process.exitCode = failed ? 1 : 0;
