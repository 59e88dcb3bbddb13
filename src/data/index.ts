// Public API of src/data/. Re-exported by src/index.ts.
export {};
