// Validates an OpenAPI document with @apidevtools/swagger-parser (the
// OpenAPI 3.0 JSON Schema, $refs resolved): `node openapi.mjs FILE`.
// Prints "valid: N paths" and exits 0, or the validator's message and 1.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SwaggerParser = require('@apidevtools/swagger-parser');

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${Object.keys(api.paths).length} paths, openapi ${api.openapi}`);
} catch (e) {
  console.log(`invalid: ${e.message}`);
  process.exit(1);
}
