// The README's configuration table is the one a person reads: it must list every variable the
// code validates, and no other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deadlineTableMarkdown } from '../../../domain/deadline-table';
import { CONFIG_VARIABLES } from '../../../platform/config';

it('documents exactly the configuration variables the code reads', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('### Using an existing'),
  );
  const documented = [...section.matchAll(/^\| `([A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.keys(CONFIG_VARIABLES).sort());
});

/** A Markdown table line with its cells trimmed (Prettier pads them to align the columns). */
const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '-'))
        .join('|'),
    )
    .join('\n');

it('shows the deadline table exactly as the policy data makes it', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  expect(normalise(readme)).toContain(normalise(deadlineTableMarkdown()));
});
