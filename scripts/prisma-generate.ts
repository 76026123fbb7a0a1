// npm run prisma:generate [-- --force]: (re)generates the Prisma client when the schema changed.
import { generatePrismaClient } from '../platform/prisma-generate';

try {
  generatePrismaClient({ force: process.argv.includes('--force') });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
