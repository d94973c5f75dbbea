// Jest cannot load the ESM eslint.config.mjs in its CommonJS sandbox, so layers.test.ts lints in this child process.
// stdin: [{ filePath, code }]; stdout: the restricted-import messages of each, in order.
import { ESLint } from 'eslint';
import { text } from 'node:stream/consumers';

const cases = JSON.parse(await text(process.stdin));
const eslint = new ESLint({
  cwd: process.cwd(),
  // Only the layer rule: the snippets are not files of the TypeScript project, so no type information.
  ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
const results = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.map((m) => (m.ruleId === null ? `fatal: ${m.message}` : m.ruleId)));
}
process.stdout.write(JSON.stringify(results));
