/**
 * The structural safety check of an SVG before it is inlined in HTML: the SVG is parsed as XML
 * and every element and attribute must be on an allow-list of static drawing (what `renderSvg`
 * writes: groups, paths, shapes, text, clip paths and gradients). Nothing is matched as a pattern
 * on the text, so escaped text ("status onbekend = x") passes, while a single-quoted
 * `href='javascript:…'`, an `<animate>`, an event handler or an entity-encoded URL does not.
 */

/** Elements of static drawing. No script, style, foreignObject, image, a, use, animation. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
]);

/** Attributes of geometry, presentation, text and accessibility. */
const ATTRIBUTES = new Set([
  'xmlns',
  'xmlns:xlink',
  'version',
  'id',
  'class',
  'role',
  'aria-hidden',
  'aria-label',
  'aria-roledescription',
  'focusable',
  'viewBox',
  'preserveAspectRatio',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'dx',
  'dy',
  'd',
  'points',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
  'display',
  'visibility',
  'pointer-events',
  'clip-path',
  'clipPathUnits',
  'gradientUnits',
  'gradientTransform',
  'offset',
  'stop-color',
  'stop-opacity',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'letter-spacing',
  'text-decoration',
  'shape-rendering',
  'text-rendering',
]);

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Why an SVG was refused, or `undefined` when it is safe to inline. */
export type SvgProblem = string | undefined;

function decode(text: string): string | undefined {
  let bad = false;
  const out = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);|&/gi, (all, body: string | undefined) => {
    if (body === undefined) {
      bad = true;
      return all;
    }
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    const named = XML_ENTITIES[body];
    if (named === undefined) bad = true;
    return named ?? all;
  });
  return bad ? undefined : out;
}

/**
 * Attributes a browser resolves as a URL or a CSS value (which may hold `url(…)`). Only these can
 * load or run anything; text attributes (`aria-label`, `class`, …) may say "data: …" freely.
 */
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'style',
  'fill',
  'stroke',
  'clip-path',
  'mask',
  'filter',
  'marker-start',
  'marker-mid',
  'marker-end',
  'cursor',
]);

/** A value may only refer inside the document: `url(#id)`; no other `url(`, no `javascript:`. */
function valueProblem(name: string, value: string): SvgProblem {
  if (!URL_ATTRIBUTES.has(name.toLowerCase())) return undefined;
  // browsers ignore spaces and control characters inside a URL scheme ("java\tscript:")
  const v = [...value.replace(/\s+/g, '')]
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .toLowerCase();
  if (/url\((?!['"]?#)/.test(v)) return `attribute ${name} refers outside the document`;
  if (/(java|vb)script:|data:|expression\(/.test(v)) return `attribute ${name} holds a script URL`;
  return undefined;
}

const NAME = /[A-Za-z_][\w:.-]*/y;
const SPACE = /\s*/y;

/**
 * Why an SVG string may not be inlined, or `undefined` when it may: it must be one well-formed
 * `<svg>` element whose elements and attributes are all on the allow-lists of static drawing
 * (see the module comment), every attribute value quoted, entities only the five of XML or
 * numeric, and any `url(…)` pointing inside the document (`url(#id)`). Comments are allowed;
 * DOCTYPE, processing instructions and CDATA are not. O(length).
 *
 * @example
 * svgProblem('<svg xmlns="http://www.w3.org/2000/svg"><text>a = b</text></svg>') // undefined
 * svgProblem("<svg><a href='javascript:x()'/></svg>") // "element <a> is not allowed"
 */
export function svgProblem(svg: string): SvgProblem {
  const text = svg.trim();
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const at = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    i = re.lastIndex;
    return m[0];
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk.trim() !== '') {
      if (stack.length === 0) return 'text outside the <svg> element';
      if (decode(chunk) === undefined) return 'text holds an unknown entity or a bare "&"';
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return 'an unclosed comment';
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', i) || text.startsWith('<?', i)) {
      return 'a DOCTYPE, CDATA section or processing instruction';
    }
    if (text.startsWith('</', i)) {
      i += 2;
      const name = at(NAME);
      at(SPACE);
      if (name === undefined || text[i] !== '>') return 'a malformed end tag';
      const open = stack.pop();
      if (open === undefined) return `an end tag </${name}> that closes nothing open`;
      if (open !== name) return `element <${open}> is not closed before </${name}>`;
      i++;
      continue;
    }
    i++;
    const name = at(NAME);
    if (name === undefined) return 'a "<" that starts no element';
    if (!ELEMENTS.has(name)) return `element <${name}> is not allowed`;
    if (stack.length === 0) {
      roots++;
      if (roots > 1 || name !== 'svg') return 'not a single <svg> element';
    }
    const seen = new Set<string>();
    for (;;) {
      const space = at(SPACE) ?? '';
      if (text.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (text[i] === '>') {
        i++;
        stack.push(name);
        break;
      }
      const attribute = space === '' ? undefined : at(NAME);
      if (attribute === undefined) return `a malformed attribute in <${name}>`;
      at(SPACE);
      if (text[i] !== '=') return `attribute ${attribute} has no value`;
      i++;
      at(SPACE);
      const quote = text[i];
      if (quote !== '"' && quote !== "'") return `attribute ${attribute} is not quoted`;
      const end = text.indexOf(quote, i + 1);
      if (end === -1) return `attribute ${attribute} is not closed`;
      const raw = text.slice(i + 1, end);
      i = end + 1;
      if (raw.includes('<')) return `attribute ${attribute} holds a "<"`;
      if (seen.has(attribute)) return `attribute ${attribute} is given twice`;
      seen.add(attribute);
      if (!ATTRIBUTES.has(attribute)) return `attribute ${attribute} is not allowed`;
      const value = decode(raw);
      if (value === undefined)
        return `attribute ${attribute} holds an unknown entity or a bare "&"`;
      if (!attribute.startsWith('xmlns')) {
        const problem = valueProblem(attribute, value);
        if (problem) return problem;
      }
    }
  }
  if (stack.length > 0) return `element <${stack.at(-1)}> is not closed`;
  if (roots === 0) return 'not a single <svg> element';
  return undefined;
}
