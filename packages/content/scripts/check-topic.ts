/**
 * Validates topic files against the schema and flags quiz items that give their answer away or repeat a
 * problem their lesson has solved: `node packages/content/scripts/check-topic.ts data/mathematics/*.yaml`.
 * The full content linter (graph, duplicates, coverage) runs in the test suite.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { givesAnswerAway, repeatsWorkedExample } from '../src/lint.ts';
import { Topic } from '../src/schema.ts';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const result = Topic.safeParse(parse(readFileSync(file, 'utf8')));
  const topic = result.success ? result.data : undefined;
  const findings = (topic?.quiz ?? []).flatMap((item) => [
    ...(givesAnswerAway(item) ? [`quiz ${item.id}: the question gives its answer away`] : []),
    ...(topic && repeatsWorkedExample(item, topic) ? [`quiz ${item.id}: the lesson already solves it`] : []),
  ]);
  if (!result.success || findings.length > 0) {
    failed++;
    console.error(`✗ ${file}`);
    for (const issue of result.error?.issues ?? [])
      console.error(`    ${issue.path.join('.')}: ${issue.message}`);
    for (const finding of findings) console.error(`    ${finding}`);
  }
}
console.log(`${process.argv.length - 2 - failed} valid, ${failed} invalid`);
process.exitCode = failed ? 1 : 0;
