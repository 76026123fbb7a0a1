// Prisma CLI configuration. The URL is only needed by commands that connect (migrate deploy,
// migrate status, studio); `prisma generate` works without one.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
