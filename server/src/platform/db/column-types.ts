import type { ColumnType } from 'kysely';

// Column shapes every feature's tables file uses, so a timestamp or a jsonb column reads the same everywhere.

/** Timestamps: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database defaults on insert. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the value, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** jsonb the database defaults on insert. */
export type GeneratedJson<T> = ColumnType<T, string | undefined, string>;
