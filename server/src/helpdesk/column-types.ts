import type { ColumnType } from 'kysely';

/** Column types the helpdesk's tables share (the same conventions as platform/db/schema.ts). */

/** Timestamps: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database defaults. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the value, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
export type GeneratedJson<T> = ColumnType<T, string | undefined, string>;
