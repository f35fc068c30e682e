// No zod here: the web client imports this module at run time (`@parc/shared/api/home-enums`) and stays
// small. The schemas in home.ts build their enums from these lists.

/** Why the server refused an agent's inventory upload (counted per hour for the admin's home). */
export const UPLOAD_REJECTION_REASONS = ['unauthenticated', 'too-large', 'bad-encoding', 'invalid'] as const;
export type UploadRejectionReason = (typeof UPLOAD_REJECTION_REASONS)[number];

/** How long ago a device last reported, in the fleet home's histogram (retired devices left out). */
export const LAST_SEEN_BUCKETS = ['day', 'week', 'month', 'quarter', 'older'] as const;
export type LastSeenBucket = (typeof LAST_SEEN_BUCKETS)[number];

/** The upper bound of each bucket in days (`older` has none): under 1 day, 1–7, 7–30, 30–90, 90 and more. */
export const LAST_SEEN_BUCKET_DAYS: Record<Exclude<LastSeenBucket, 'older'>, number> = { day: 1, week: 7, month: 30, quarter: 90 };

/** How many tickets each list of a home page shows at most (the counts cover them all). */
export const HOME_LIST_LIMIT = 10;
