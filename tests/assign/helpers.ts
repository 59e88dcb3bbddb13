/** Test helpers: valid BSNs from an integer, deterministic. */

/** The k-th valid BSN in a fixed sequence (k ≥ 0): eight digits from k, check digit by the eleven test. */
export function bsnFrom(k: number): string {
  for (let j = 0; ; j++) {
    const head = String((k * 7919 + j * 1_000_003 + 10_000_000) % 100_000_000).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(head[i]);
    const check = sum % 11;
    if (check < 10 && head !== '00000000') return head + String(check);
  }
}

/** n distinct valid BSNs. */
export function bsns(n: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let k = 0; out.length < n; k++) {
    const b = bsnFrom(k);
    if (!seen.has(b)) {
      seen.add(b);
      out.push(b);
    }
  }
  return out;
}
