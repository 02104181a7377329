// Argument checks shared by the components: each throws InvalidComponentArgsError naming the
// component, the resource and the field, so `pulumi preview` stops before declaring anything.
import { InvalidComponentArgsError } from './errors';

/** Identifies the component whose args are being checked. */
export interface ArgsContext {
  readonly component: string;
  readonly name: string;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInt(ctx: ArgsContext, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidComponentArgsError(ctx.component, ctx.name, field, `must be an integer ${min}–${max}`, value);
  }
  return value;
}

/** Throws unless `value` is a number in (0, max]. */
export function requirePositive(ctx: ArgsContext, field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidComponentArgsError(ctx.component, ctx.name, field, `must be a number > 0 and ≤ ${max}`, value);
  }
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(
  ctx: ArgsContext,
  field: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidComponentArgsError(ctx.component, ctx.name, field, `must be one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

/** Throws unless `value` is a non-empty string. */
export function requireText(ctx: ArgsContext, field: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidComponentArgsError(ctx.component, ctx.name, field, 'is required', value);
  }
  return value;
}

/** Throws with a free-form reason. */
export function fail(ctx: ArgsContext, field: string, reason: string, value?: unknown): never {
  throw new InvalidComponentArgsError(ctx.component, ctx.name, field, reason, value);
}
