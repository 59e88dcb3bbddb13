// The binomial intervals live in src/stats/ (the scan review uses them too); re-exported here for
// the outcomes modules that import them from this folder.
export { type ProportionInterval, proportionInterval } from '../stats/proportion-interval.js';
