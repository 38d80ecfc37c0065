// Request validation: query strings and path parameters arrive as text, so they are coerced
// ("30" → 30, one value → a list). A JSON body already carries its types: a string where a
// number belongs is the caller's mistake and gets a 400, never a silent conversion.
import { AjvCompiler, type BuildCompilerFromPool, type Options, type RouteDefinition } from '@fastify/ajv-compiler';

const AJV_OPTIONS: Options = { removeAdditional: false, useDefaults: true };
const coercingPool = AjvCompiler();
const exactPool = AjvCompiler();

export const buildRequestValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const withCoercion = (coerceTypes: Options['coerceTypes']) => ({
    ...options,
    mode: undefined,
    customOptions: { ...(options?.customOptions as Options | undefined), ...AJV_OPTIONS, coerceTypes },
  });
  const coercing = coercingPool(externalSchemas, withCoercion('array'));
  const exact = exactPool(externalSchemas, withCoercion(false));
  type Compile = (route: RouteDefinition) => ReturnType<typeof exact>;
  return ((route: RouteDefinition) => (route.httpPart === 'body' ? (exact as Compile)(route) : (coercing as Compile)(route))) as typeof exact;
};
