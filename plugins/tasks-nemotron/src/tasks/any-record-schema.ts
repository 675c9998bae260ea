import { z } from 'zod';

/**
 * The input schema of a task whose options name the field it reads (`field: topic`): any record,
 * every field kept, so `run` can read the field the options name. The task checks that field itself.
 */
export const anyRecordSchema = z.record(z.string(), z.json());
