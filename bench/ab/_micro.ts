import { readFileSync } from 'node:fs';
const mod = await import(process.argv[2]!);
const { NumberField, MARK_DOT } = mod;
const bytes = readFileSync('/tmp/effectmeting-bench-clients-1000000.csv').subarray(0, 40_000_000);
// field starts: every byte after ',' or '\n'
const starts: number[] = [];
for (let i = 0; i < bytes.length - 40; i++) if (bytes[i] === 44 || bytes[i] === 10) starts.push(i + 1);
const st = Int32Array.from(starts);
const out = new Float64Array(st.length);
const f = new NumberField(bytes, 44, MARK_DOT);
for (let r = 0; r < 5; r++) {
  const c0 = process.cpuUsage();
  let ok = 0;
  for (let q = 0; q < st.length; q++) if (f.read(st[q]!, out, q) >= 0) ok++;
  const dt = process.cpuUsage(c0).user / 1000;
  console.log(ok, st.length, ((dt * 1e6) / st.length).toFixed(1), 'ns/field');
}
