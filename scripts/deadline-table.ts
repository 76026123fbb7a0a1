// npm run docs:deadlines: prints the deadline table for the README from the policy data.
import { deadlineTableMarkdown } from '../domain/deadline-table';

console.log(deadlineTableMarkdown());
