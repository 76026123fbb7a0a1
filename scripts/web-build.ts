// npm run web:build [-- --force] [-- --types-only]: the workbench into generated/web (skipped when
// its sources and the API are unchanged), or only the API's OpenAPI types.
import { buildWebApp, writeApiTypes } from '../composition/web-build';

try {
  if (process.argv.includes('--types-only')) writeApiTypes((line) => console.log(line));
  else buildWebApp({ force: process.argv.includes('--force') });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
