import { z } from 'zod';

export const loginSchema = z
  .string()
  .trim()
  .min(3, 'Login must be at least 3 characters.')
  .max(40, 'Login must be at most 40 characters.')
  .regex(/^[A-Za-z0-9_]+$/, 'Login may use only letters, digits and underscores.');

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters.')
  .max(1000, 'Password must be at most 1,000 characters.');

export const signUpSchema = z.object({
  login: loginSchema,
  email: z.string().trim().max(254, 'Email is too long.').email('Enter a valid email address.'),
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const pseudNameSchema = z
  .string()
  .trim()
  .min(1, 'Pseud must not be blank.')
  .max(40, 'Pseud must be at most 40 characters.')
  .regex(/^[\p{L}\p{N}_ .-]+$/u, 'Pseud may use letters, digits, spaces, dots, dashes and underscores.');

export const keyOf = (name: string) => name.trim().toLowerCase();
