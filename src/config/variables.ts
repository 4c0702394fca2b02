import { z } from 'zod';

/**
 * A blank variable (`NAME=` as .env.example writes it, or spaces) means unset, so copying the
 * example file never turns a default into an empty value.
 */
function unsetIfBlank(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A variable that may be absent or blank (then undefined), validated by `schema` otherwise. */
export function optionalVariable<S extends z.ZodType>(schema: S) {
  return z.preprocess(unsetIfBlank, schema.optional());
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** A yes/no variable: true, false, 1, 0, yes, no, on, off (any case); unset is false. */
export function booleanVariable() {
  return optionalVariable(
    z
      .string()
      .transform((raw) => raw.toLowerCase())
      .refine((raw) => TRUE.includes(raw) || FALSE.includes(raw), {
        error: (issue) => `must be true or false, not "${String(issue.input)}"`,
      })
      .transform((raw) => TRUE.includes(raw)),
  ).transform((value) => value ?? false);
}

/**
 * A section of the configuration: a zod object over the environment variables it reads,
 * transformed into the settings its code receives (a channel's settings, or null when it is off).
 * `src/channels/twilio/settings.ts` is the pattern.
 */
export type SettingsSection = z.ZodPipe<z.ZodObject, z.ZodTransform>;

/** The names of the environment variables a section reads. */
export function variablesOf(section: SettingsSection): string[] {
  return Object.keys(section.in.shape);
}
