/**
 * The version of Pong's rules this engine plays. Change it whenever a rule or a constant changes
 * (the step, the serve, the RNG, DEFAULT_GAME_CONFIG, anything that moves a ball differently):
 * every replay names the rules it was recorded under, and one recorded under other rules is
 * refused rather than re-simulated into a different result. The golden replay beside the specs
 * fails when the rules change and this does not.
 */
export const RULES_VERSION = 'arena-pong/1';
