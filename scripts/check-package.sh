#!/usr/bin/env bash
# The package as a consumer gets it: pack, install the tarball into a fresh project (no
# overrides, no repository files), then import it from Node ESM, type-check a TypeScript
# consumer, run the installed CLI and import it in Deno. Any failure fails the script.
#
# usage: bash scripts/check-package.sh
#   CHECK_REPRODUCE=1  also run `effectmeting reproduce den-haag` in the consumer project
#   KEEP_TMP=1         keep the temporary directory (its path is printed)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/effectmeting-package.XXXXXX")"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then
  echo "check-package: keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

fail() {
  echo "check-package: FAIL: $*" >&2
  exit 1
}
check() { printf 'check-package: %s\n' "$1"; }

# --- pack (prepack builds a clean dist) -------------------------------------------------
check "npm pack"
(cd "$repo" && npm pack --pack-destination "$tmp" > "$tmp/pack.log" 2>&1) ||
  { cat "$tmp/pack.log" >&2; fail "npm pack"; }
tarballs=("$tmp"/effectmeting-*.tgz)
[[ ${#tarballs[@]} == 1 && -f "${tarballs[0]}" ]] || fail "expected one tarball in $tmp"
tarball="${tarballs[0]}"

listing="$(tar tvzf "$tarball")"
for f in package/package.json package/README.md package/LICENSE package/dist/index.js \
  package/dist/index.d.ts package/dist/cli/main.js package/dist/duckdb.js package/dist/duckdb.d.ts; do
  grep -q " $f\$" <<< "$listing" || fail "$f is not in the tarball"
done
grep -E " package/dist/cli/main\.js\$" <<< "$listing" | grep -q '^-rwx' ||
  fail "dist/cli/main.js is not executable in the tarball"
[[ "$(tar xzOf "$tarball" package/dist/cli/main.js | head -1)" == '#!/usr/bin/env node' ]] ||
  fail "dist/cli/main.js has no node shebang"
if grep -qE ' package/tests/' <<< "$listing"; then fail "the tarball ships tests/"; fi

# --- install into a fresh consumer project -----------------------------------------------
consumer="$tmp/consumer"
mkdir -p "$consumer"
cat > "$consumer/package.json" << 'EOF'
{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }
EOF
check "npm install $(basename "$tarball") in a fresh project"
(cd "$consumer" && npm install --no-audit --no-fund --prefer-offline "$tarball" \
  > "$tmp/install.log" 2>&1) || { cat "$tmp/install.log" >&2; fail "npm install of the tarball"; }
[[ -f "$consumer/node_modules/effectmeting/dist/index.js" ]] || fail "effectmeting not installed"

# --- Node ESM ------------------------------------------------------------------------------
# 30/100 vs 20/100: p1 − p2 = 0.1, unpooled SE √(0.3·0.7/100 + 0.2·0.8/100) = 0.0608276.
check "import from Node ESM"
(cd "$consumer" && node --input-type=module -e "
import { diffInProportions, InputError } from 'effectmeting';
const d = diffInProportions({ successes: 30, n: 100 }, { successes: 20, n: 100 });
if (Math.abs(d.estimate - 0.1) > 1e-12) throw new Error('estimate ' + d.estimate);
if (Math.abs(d.stdError - 0.0608276253) > 1e-9) throw new Error('stdError ' + d.stdError);
if (typeof InputError !== 'function') throw new Error('InputError is not exported');
") || fail "Node ESM import"

# --- effectmeting/duckdb without its optional peer -------------------------------------------
# @duckdb/node-api is an optional peer dependency: the fresh project does not have it, and the
# entry must still load (it imports the client's types only; a DuckDB connection is the caller's).
check "import effectmeting/duckdb without @duckdb/node-api installed"
[[ ! -d "$consumer/node_modules/@duckdb/node-api" ]] ||
  fail "@duckdb/node-api was installed with the package (it should be an optional peer)"
(cd "$consumer" && node --input-type=module -e "
import { effectSeries, countsSql, DUCKDB } from 'effectmeting/duckdb';
if (typeof effectSeries !== 'function') throw new Error('effectSeries is not exported');
const sql = countsSql('\"c\"', '1 = 1', '\"arm\"', { followup: '\"f\"', event: '\"e\"', months: [1, 2] }, 10, DUCKDB);
if (!sql.includes('GROUP BY')) throw new Error('countsSql: ' + sql);
") || fail "import effectmeting/duckdb"

# --- TypeScript consumer (nodenext) ------------------------------------------------------
check "type-check a TypeScript consumer (moduleResolution nodenext)"
cat > "$consumer/tsconfig.json" << 'EOF'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "strict": true,
    "noEmit": true,
    "types": []
  },
  "files": ["consumer.ts"]
}
EOF
cat > "$consumer/consumer.ts" << 'EOF'
import {
  type DiffInProportionsResult,
  diffInProportions,
  InputError,
  parseTable,
} from 'effectmeting';
import { loadTable } from 'effectmeting/node';
import { proportionInterval } from 'effectmeting/kernels';
import { STUDIES } from 'effectmeting/studies';

const d: DiffInProportionsResult = diffInProportions({ successes: 30, n: 100 }, { successes: 20, n: 100 });
const ci: readonly [number, number] = d.ci;
const table = await loadTable([{ id: '001', arm: 'control' }]);
const rows: number = table.numRows();
const parsed = await parseTable('id,arm\n001,control\n', { format: 'csv' });
const studies: number = STUDIES.length + parsed.numRows() + (typeof proportionInterval === 'function' ? 1 : 0);
const isInputError = (e: unknown): e is InputError => e instanceof InputError;
export { ci, isInputError, rows, studies };
EOF
# skipLibCheck is off so that the shipped .d.ts files are checked too; errors inside other
# packages' own .d.ts (arquero's and flechette's fail under strict) are not ours to fail on.
tsc_rc=0
"$repo/node_modules/.bin/tsc" -p "$consumer/tsconfig.json" --pretty false > "$tmp/tsc.txt" 2>&1 ||
  tsc_rc=$?
# Ours: an error in consumer.ts, in effectmeting's .d.ts, or in no file (the config).
ours="$(grep 'error TS' "$tmp/tsc.txt" | grep -Ev '^[^(]*/node_modules/' || true)"
ours+="$(grep 'error TS' "$tmp/tsc.txt" | grep -E '^[^(]*/node_modules/effectmeting/' || true)"
if [[ -n "$ours" ]] || { [[ $tsc_rc != 0 ]] && ! grep -q 'error TS' "$tmp/tsc.txt"; }; then
  cat "$tmp/tsc.txt" >&2
  fail "TypeScript consumer (tsc exit $tsc_rc)"
fi

# --- the installed CLI ---------------------------------------------------------------------
check "npx effectmeting --help"
(cd "$consumer" && npx --no -- effectmeting --help > "$tmp/help.txt" 2>&1) ||
  { cat "$tmp/help.txt" >&2; fail "effectmeting --help"; }
grep -q 'reproduce' "$tmp/help.txt" || fail "--help does not list reproduce"

if [[ "${CHECK_REPRODUCE:-0}" == 1 ]]; then
  # The consumer project has no data/: reproduce must work from the installed package alone.
  check "npx effectmeting reproduce den-haag (no data/ in the project)"
  (cd "$consumer" && npx --no -- effectmeting reproduce den-haag > "$tmp/reproduce.txt" 2>&1) ||
    { cat "$tmp/reproduce.txt" >&2; fail "effectmeting reproduce den-haag"; }
  grep -q '9,788' "$tmp/reproduce.txt" || fail "reproduce den-haag: the experiment arm is not 9,788"
fi

# --- Deno (the node_modules the npm install made; nothing fetched) -------------------------
check "import in Deno"
deno="$repo/node_modules/.bin/deno"
[[ -x "$deno" ]] || fail "no deno at $deno (it is a devDependency: run npm ci)"
(cd "$consumer" && DENO_DIR="$tmp/deno-dir" "$deno" eval --cached-only --node-modules-dir=manual "
import { diffInProportions } from 'npm:effectmeting';
const d = diffInProportions({ successes: 30, n: 100 }, { successes: 20, n: 100 });
if (Math.abs(d.estimate - 0.1) > 1e-12) throw new Error('estimate ' + d.estimate);
") || fail "Deno import"

check "all passed ($(basename "$tarball"), $(du -k "$tarball" | cut -f1) kB)"
