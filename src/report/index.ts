// Public API of src/report/. Re-exported by src/index.ts.
export {
  DEN_HAAG_PILOT_CONFIG,
  denHaagPilot,
  type PilotConfig,
  type PilotResult,
  pilotMarkdown,
  significanceText,
} from './den-haag-pilot.js';
