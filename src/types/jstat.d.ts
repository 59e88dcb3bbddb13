// Minimal typings for the parts of jstat the library uses (jstat ships none).
declare module 'jstat' {
  interface JStatStatic {
    ibeta(x: number, a: number, b: number): number;
    ibetainv(p: number, a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
    gammapinv(p: number, a: number): number;
    gammaln(x: number): number;
    erf(x: number): number;
    erfc(x: number): number;
    erfcinv(p: number): number;
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
    chisquare: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
    centralF: {
      cdf(x: number, df1: number, df2: number): number;
      inv(p: number, df1: number, df2: number): number;
    };
  }
  const jStat: JStatStatic;
  export default jStat;
  export { jStat };
}
