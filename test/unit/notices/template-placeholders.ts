import Handlebars from 'handlebars';
import type * as z from 'zod';

/*
 * Reads a Handlebars template's placeholders with Handlebars' own parser and checks each against the zod
 * schema of the template's data, as SES will need them: every placeholder a required field (SES fails to
 * render when the data lacks one), `{{#each}}` over arrays only, no helper but `if` and `each`, and the
 * escaping the part calls for.
 */

export type Part = 'subject' | 'html' | 'text';

export interface PlaceholderReport {
  /**
   * Canonical paths of the values the part prints, e.g. `agencyName`, `requests[].description`,
   * `contactEmails[]`, and of the yes/no fields it tests with `{{#if}}`.
   */
  readonly printed: Set<string>;
  readonly problems: string[];
}

interface Scope {
  readonly schema: z.ZodType;
  readonly path: string;
}

const typeOf = (schema: z.ZodType) => schema._zod.def.type;
const isOptional = (schema: z.ZodType) =>
  ['optional', 'default', 'prefault', 'nullable'].includes(typeOf(schema)) ||
  schema._zod.optin === 'optional';
const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/**
 * What a template sees of a field: a piped field's output (a transform piped into the schema of what it
 * derives, as task-notice's stage flags), else the field itself.
 */
const rendered = (schema: z.ZodType): z.ZodType =>
  typeOf(schema) === 'pipe' ? rendered((schema as z.ZodPipe).def.out as z.ZodType) : schema;

/** The value paths of a schema's leaves (strings, numbers, unions…), arrays marked `[]`, as templates see them. */
export function schemaLeaves(field: z.ZodType, path = ''): string[] {
  const schema = rendered(field);
  const type = typeOf(schema);
  if (type === 'object') {
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.entries(shape).flatMap(([key, field]) => schemaLeaves(field, join(path, key)));
  }
  if (type === 'array') return schemaLeaves((schema as z.ZodArray).element as z.ZodType, `${path}[]`);
  return [path];
}

export function checkPlaceholders(source: string, schema: z.ZodObject, part: Part): PlaceholderReport {
  const printed = new Set<string>();
  const problems: string[] = [];

  const resolve = (path: hbs.AST.PathExpression, scopes: readonly Scope[]): Scope | undefined => {
    if (path.data) {
      problems.push(`${path.original}: data variables (@index, @first, …) are not used in notice templates`);
      return undefined;
    }
    let scope = scopes[scopes.length - 1 - path.depth];
    if (!scope) {
      problems.push(`${path.original}: refers above the template's root`);
      return undefined;
    }
    for (const key of path.parts) {
      if (typeOf(scope.schema) !== 'object') {
        problems.push(`${path.original}: ${scope.path || '(root)'} is not an object`);
        return undefined;
      }
      const field: z.ZodType | undefined = ((scope.schema as z.ZodObject).shape as Record<string, z.ZodType>)[
        key
      ];
      if (!field) {
        problems.push(`${path.original}: ${join(scope.path, key)} is not a field of the template's data`);
        return undefined;
      }
      if (isOptional(field)) {
        problems.push(
          `${path.original}: ${join(scope.path, key)} is optional; SES needs every field it renders`,
        );
      }
      scope = { schema: rendered(field), path: join(scope.path, key) };
    }
    return scope;
  };

  const pathOf = (node: hbs.AST.Expression): hbs.AST.PathExpression | undefined =>
    node.type === 'PathExpression' ? (node as hbs.AST.PathExpression) : undefined;

  const visit = (program: hbs.AST.Program | undefined, scopes: readonly Scope[]): void => {
    for (const statement of program?.body ?? []) {
      if (statement.type === 'MustacheStatement') {
        const mustache = statement as hbs.AST.MustacheStatement;
        const path = pathOf(mustache.path);
        if (!path || mustache.params.length > 0) {
          problems.push(`a placeholder calls a helper: only plain values are printed`);
          continue;
        }
        if (part === 'html' && !mustache.escaped)
          problems.push(`{{{${path.original}}}}: the HTML part must escape (use {{x}})`);
        if (part !== 'html' && mustache.escaped)
          problems.push(`{{${path.original}}}: the ${part} must not escape (use {{{x}}})`);
        const scope = resolve(path, scopes);
        if (scope) {
          if (['object', 'array'].includes(typeOf(scope.schema)))
            problems.push(`${path.original}: prints a whole ${typeOf(scope.schema)}`);
          printed.add(scope.path);
        }
      } else if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        const helper = pathOf(block.path)?.original;
        const [param] = block.params;
        const paramPath = param ? pathOf(param) : undefined;
        if ((helper !== 'if' && helper !== 'each') || block.params.length !== 1 || !paramPath) {
          problems.push(`{{#${helper ?? '?'}}}: only {{#if field}} and {{#each list}} are used`);
          continue;
        }
        const scope = resolve(paramPath, scopes);
        if (helper === 'each') {
          if (scope && typeOf(scope.schema) !== 'array')
            problems.push(`{{#each ${paramPath.original}}}: not a list`);
          const element =
            scope && typeOf(scope.schema) === 'array'
              ? { schema: (scope.schema as z.ZodArray).element as z.ZodType, path: `${scope.path}[]` }
              : undefined;
          if (element) visit(block.program, [...scopes, element]);
        } else {
          // A yes/no field shows only as the branch it picks: testing it is showing it.
          if (scope && typeOf(scope.schema) === 'boolean') printed.add(scope.path);
          visit(block.program, scopes);
        }
        visit(block.inverse, scopes);
      } else if (statement.type !== 'ContentStatement' && statement.type !== 'CommentStatement') {
        problems.push(
          `${statement.type}: not used in notice templates (no partials, decorators or raw blocks)`,
        );
      }
    }
  };

  visit(Handlebars.parse(source), [{ schema, path: '' }]);
  return { printed, problems };
}
