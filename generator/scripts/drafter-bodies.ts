/**
 * The fidelity check's ground truth: every message body of a blueprint as Drafter
 * itself sees it. The blueprint is parsed by drafter.js as published, with its own
 * body and JSON Schema generation on, and each request and response yields its
 * example (`messageBody`) and schema (`messageBodySchema`) as Drafter wrote them.
 */
import { type Element, children, classes, hasClass, pairs, text } from '../src/api-elements.js';
import { loadDrafter } from '../src/load-drafter.js';
import { splitUriTemplate } from '../src/uri-template.js';

/** One request or response body of the blueprint, in Drafter's words. */
export interface DrafterBody {
  method: string;
  /** The URI template of the action. */
  href: string;
  /** `request`, or the response's status code as written. */
  message: 'request' | string;
  /** Base media type, lower case, from Content-Type (else the asset's), or undefined. */
  mediaType: string | undefined;
  /** Drafter's `messageBody` (written or generated from MSON), when there is one. */
  example: string | undefined;
  /** Drafter's `messageBodySchema` (written or generated from MSON), when there is one. */
  schema: string | undefined;
}

/** Drafter's bodies, or the first error when Drafter rejects the blueprint. */
export type DrafterBodies = { bodies: DrafterBody[]; error?: undefined } | { bodies?: undefined; error: string };

/** Parses `source` with drafter.js as published and lists every message body. */
export function drafterBodies(source: string): DrafterBodies {
  let result: unknown;
  try {
    // Bodies and schemas as Drafter generates them; source maps are not needed.
    result = loadDrafter({ asPublished: true }).parseSync(source, { generateSourceMap: false });
  } catch (err) {
    return { error: `Drafter failed: ${err instanceof Error ? err.message : JSON.stringify(err).slice(0, 200)}` };
  }
  const root = result as Element;
  const error = children(root).find((c) => c.element === 'annotation' && classes(c).includes('error'));
  if (error) return { error: text(error) ?? 'Drafter error' };
  const api = children(root).find((c) => c.element === 'category' && classes(c).includes('api'));
  if (!api) return { error: 'Drafter found no API' };
  const bodies: DrafterBody[] = [];
  for (const resource of resources(api)) {
    const resourceHref = text(resource.attributes?.href) ?? '/';
    for (const transition of children(resource).filter((c) => c.element === 'transition')) {
      const href = text(transition.attributes?.href) ?? resourceHref;
      const seen = new Set<string>();
      for (const transaction of children(transition).filter((c) => c.element === 'httpTransaction')) {
        const request = children(transaction).find((c) => c.element === 'httpRequest');
        const response = children(transaction).find((c) => c.element === 'httpResponse');
        const method = text(request?.attributes?.method)?.trim().toLowerCase();
        if (!method) continue;
        for (const [message, el] of [
          ['request', request],
          [text(response?.attributes?.statusCode)?.trim() ?? '', response],
        ] as const) {
          const body = el ? bodyOf(el) : undefined;
          if (!body || message === '') continue;
          // Drafter repeats a request (or response) in every transaction that pairs it.
          const key = JSON.stringify([message, el]);
          if (seen.has(key)) continue;
          seen.add(key);
          bodies.push({ method, href, message, ...body });
        }
      }
    }
  }
  return { bodies };
}

/** `method shape`: the OpenAPI path of a template with variable names blanked. */
export function operationShape(method: string, template: string): string {
  return `${method.toLowerCase()} ${splitUriTemplate(template).path.replace(/\{[^}]*\}/g, '{}')}`;
}

function bodyOf(msg: Element): Pick<DrafterBody, 'mediaType' | 'example' | 'schema'> | undefined {
  const assets = children(msg).filter((c) => c.element === 'asset');
  const body = assets.find((a) => hasClass(a, 'messageBody'));
  const schema = assets.find((a) => hasClass(a, 'messageBodySchema'));
  const example = text(body);
  const schemaText = text(schema);
  if ((example === undefined || example.trim() === '') && schemaText === undefined) return undefined;
  const declared =
    pairs(msg.attributes?.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? text(body?.attributes?.contentType);
  const mediaType = declared?.split(';')[0]?.trim().toLowerCase() || undefined;
  return { mediaType, example: example?.trim() === '' ? undefined : example, schema: schemaText };
}

/** Resources anywhere under the API category. */
function resources(el: Element): Element[] {
  const out: Element[] = [];
  for (const child of children(el)) {
    if (child.element === 'resource') out.push(child);
    else if (child.element === 'category' && !classes(child).includes('dataStructures')) out.push(...resources(child));
  }
  return out;
}
