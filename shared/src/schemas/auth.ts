import { z } from 'zod';
import { ROLES, STAGES } from '../domain/enums';
import { isValidTimeZone } from '../domain/timezone';
import { IsoDateTime, NO_NUL_MESSAGE, Uuid, noNul } from './common';

export const Email = z.string().trim().max(254).pipe(z.email({ message: 'Invalid email address' }));
export const Password = z.string().min(10, 'Password must be at least 10 characters').max(200);
export const TimeZone = z.string().max(64).refine(isValidTimeZone, 'Unknown IANA time zone');
export const PersonName = z.string().trim().min(1, 'Required').max(200).refine(noNul, NO_NUL_MESSAGE);
/** A workspace's name (signup, settings). */
const WorkspaceName = z.string().trim().min(1, 'Required').max(200).refine(noNul, NO_NUL_MESSAGE);

export const CadenceDaysSchema = z.strictObject(
  Object.fromEntries(STAGES.map((s) => [s, z.number().int().min(1).max(3650).nullable()])) as Record<
    (typeof STAGES)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

export const UserSchema = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  timezone: z.string(),
  role: z.enum(ROLES),
});
export type User = z.infer<typeof UserSchema>;

export const WorkspaceSchema = z.object({
  id: Uuid,
  name: z.string(),
  currency: z.string(),
  cadenceDays: z.object({
    stranger: z.number().nullable(),
    friend: z.number().nullable(),
    customer: z.number().nullable(),
    evangelist: z.number().nullable(),
  }),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const SignupBody = z.strictObject({
  email: Email,
  password: Password,
  name: PersonName,
  workspaceName: WorkspaceName,
  timezone: TimeZone.optional(),
});
export type SignupBody = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1, 'Required').max(254).refine(noNul, NO_NUL_MESSAGE),
  password: z.string().min(1, 'Required').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionSchema = z.object({ token: z.string(), user: UserSchema, workspace: WorkspaceSchema });
export type Session = z.infer<typeof SessionSchema>;

export const MeSchema = z.object({ user: UserSchema, workspace: WorkspaceSchema });
export type Me = z.infer<typeof MeSchema>;

export const UpdateMeBody = z
  .strictObject({
    name: PersonName.optional(),
    timezone: TimeZone.optional(),
    password: Password.optional(),
    currentPassword: z.string().max(200).optional(),
  })
  .refine((b) => b.password === undefined || b.currentPassword !== undefined, {
    path: ['currentPassword'],
    message: 'Required to change the password',
  });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const MemberSchema = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  timezone: z.string(),
  createdAt: IsoDateTime,
});
export type Member = z.infer<typeof MemberSchema>;

export const CreateMemberBody = z.strictObject({
  email: Email,
  name: PersonName,
  password: Password,
  role: z.enum(ROLES),
  timezone: TimeZone.optional(),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

export const UpdateMemberBody = z.strictObject({ role: z.enum(ROLES) });

export const UpdateWorkspaceBody = z.strictObject({
  name: WorkspaceName.optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'An ISO 4217 code like USD')
    .transform((c) => c.toUpperCase())
    .optional(),
  cadenceDays: CadenceDaysSchema.partial().optional(),
});
export type UpdateWorkspaceBody = z.infer<typeof UpdateWorkspaceBody>;

export const CalendarTokenSchema = z.object({ url: z.string() });
