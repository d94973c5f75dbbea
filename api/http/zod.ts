import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// One zod schema is the validation, the TypeScript type and the OpenAPI entry of each request.
extendZodWithOpenApi(z);

export { z };
