// Public API of src/estimate/. Re-exported by src/index.ts.
export {};
