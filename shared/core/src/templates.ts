/**
 * The one handlebars render helper, for the apps whose framework has no maintained handlebars
 * integration with layouts (node:http, koa 3, hono). express and fastify feed the same compiled
 * templates through their own view mechanisms. Templates are compiled once, at start-up.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '@repo/fixtures';

/** A page context is a plain serialisable object; `parent` names the layout, none renders bare. */
export interface TemplateContext {
  title: string;
  parent?: string;
  [key: string]: unknown;
}

export type TemplateFn = Handlebars.TemplateDelegate<Record<string, unknown>>;

export interface Templates {
  /** The folder the templates came from. */
  readonly dir: string;
  /** A private handlebars environment with the partials registered (for `@fastify/view`). */
  readonly handlebars: typeof Handlebars;
  /** Renders page `name` (e.g. `fortunes`) and, if the context names a `parent`, wraps it in that layout. */
  render(name: string, context: TemplateContext): string;
  /** Maps an absolute template path (as express hands it over) to a template name. */
  nameOf(file: string): string;
}

/** The templates every HTTP app needs; a missing one stops start-up. */
export const REQUIRED_TEMPLATES = ['layouts/base', 'fortunes', 'chat'] as const;

async function listHbs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function toName(dir: string, file: string): string {
  return relative(dir, file)
    .split(sep)
    .join('/')
    .replace(/\.hbs$/, '');
}

/** Compiles one file now; a syntax error names the file. */
function compileFile(hb: typeof Handlebars, file: string, source: string): TemplateFn {
  try {
    hb.parse(source);
  } catch (err) {
    throw new Error(`Template ${file} does not compile: ${(err as Error).message}`, { cause: err });
  }
  const fn = hb.compile<Record<string, unknown>>(source);
  // handlebars compiles lazily on the first call; make that call now so no request pays for it.
  // A runtime error on an empty context is fine here: the compiled form is already cached.
  try {
    fn({});
  } catch {
    /* data-dependent errors surface at request time as a 500 */
  }
  return fn;
}

/**
 * Reads and compiles every `*.hbs` under `dir`: `partials/x.hbs` becomes partial `x`, everything
 * else a template named by its path (`layouts/base`, `fortunes`). Rejects, naming the file, when a
 * required template is missing or any template fails to compile.
 *
 * @example
 * const templates = await loadTemplates();
 * res.end(templates.render('fortunes', fortunesContext()));
 */
export async function loadTemplates(
  dir: string = templatesDir,
  required: readonly string[] = REQUIRED_TEMPLATES,
): Promise<Templates> {
  const hb = Handlebars.create();
  const compiled = new Map<string, TemplateFn>();
  let files: string[];
  try {
    files = await listHbs(dir);
  } catch (err) {
    throw new Error(`Templates folder ${dir} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    const name = toName(dir, file);
    if (name.startsWith('partials/')) {
      hb.parse(source);
      hb.registerPartial(name.slice('partials/'.length), source);
    } else {
      compiled.set(name, compileFile(hb, file, source));
    }
  }
  for (const name of required) {
    if (!compiled.has(name)) throw new Error(`Template not found: ${join(dir, `${name}.hbs`)}`);
  }
  const names = new Map<string, string>();
  const get = (name: string): TemplateFn => {
    const fn = compiled.get(name);
    if (!fn) throw new Error(`Template not found: ${join(dir, `${name}.hbs`)}`);
    return fn;
  };
  return {
    dir,
    handlebars: hb,
    render(name, context) {
      const body = get(name)(context);
      return context.parent ? get(context.parent)({ ...context, body }) : body;
    },
    // express hands over the same few absolute paths on every render: resolve each once.
    nameOf: (file) => {
      let name = names.get(file);
      if (name === undefined) names.set(file, (name = toName(dir, file)));
      return name;
    },
  };
}
