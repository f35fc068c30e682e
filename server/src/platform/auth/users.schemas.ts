// The users' API shapes are the web client's too: they live in @parc/shared (shared/src/api/users.ts).
export {
  createUserBodySchema,
  localeSchema,
  loginBodySchema,
  loginResponseSchema,
  roleSchema,
  updateMeBodySchema,
  updateUserBodySchema,
  userAccountSchema as userSchema,
  userListSchema,
} from '@parc/shared/api';
