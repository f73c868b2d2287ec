import * as z from 'zod';

/** Free text that may be left empty: trimmed, and empty becomes null so the database never holds ''. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const idSchema = z.number().int().positive();

export const timestampSchema = z.number().int().nonnegative();
