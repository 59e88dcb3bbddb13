// Public API of src/assign/. Re-exported by src/index.ts.
export {};
