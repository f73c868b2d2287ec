import { defineConfig } from 'drizzle-kit';

// drizzle-kit generates forward-only SQL migrations into db/migrations; they are committed
// and `npm run db:check` fails CI when db/schema.ts and the migrations disagree.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
