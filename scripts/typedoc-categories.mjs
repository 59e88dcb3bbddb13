// A TypeDoc plugin (typedoc.json "plugin"): files each exported symbol of the four entries under
// the category of the folder it is declared in, so the API pages group by layer without an
// `@category` tag in every comment. A symbol's own `@category` tag wins.
import { Comment, CommentTag, Converter, ReflectionKind, TypeScript as ts } from 'typedoc';

/** Category of a source file, by path: the first matching rule wins. */
const CATEGORIES = [
  [/src\/studies\/[^/]+\/(generator|params|national-benchmark)\.ts$/, 'Synthetic data'],
  [/src\/studies\//, 'Studies'],
  [/src\/(errors|format|display)\.ts$/, 'Formatting and errors'],
  [/src\/table\//, 'Tables and documents'],
  [/src\/data\//, 'Data'],
  [/src\/stats\//, 'Statistics'],
  [/src\/estimate\//, 'Regression'],
  [/src\/assign\//, 'Assignment'],
  [/src\/outcomes\//, 'Outcomes'],
  [/src\/analysis\//, 'Analysis'],
  [/src\/plan\//, 'Planning'],
  [/src\/evaluate\//, 'Evaluation'],
  [/src\/scan\//, 'Risk scan'],
  [/src\/report\//, 'Reports and charts'],
  [/src\/duckdb\//, 'In-database'],
];

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.parent?.kindOf(ReflectionKind.Module | ReflectionKind.Project)) return;
    let symbol = context.getSymbolFromReflection(reflection);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = context.checker.getAliasedSymbol(symbol);
    }
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName ?? '';
    const category = CATEGORIES.find(([pattern]) => pattern.test(file))?.[1];
    if (category === undefined) return;
    reflection.comment ??= new Comment();
    if (reflection.comment.getTag('@category')) return;
    reflection.comment.blockTags.push(
      new CommentTag('@category', [{ kind: 'text', text: category }]),
    );
  });
}
