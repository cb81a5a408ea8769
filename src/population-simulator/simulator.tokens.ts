export const SIMULATOR_CONFIG = Symbol('SIMULATOR_CONFIG');
export const SIMULATOR_POOL = Symbol('SIMULATOR_POOL');
