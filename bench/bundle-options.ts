// The bench bundles with the deployed options, so its figures are the deployed bundles' figures.
export { houseBundlingOptions } from '../lib/constructs/house-function.js';
