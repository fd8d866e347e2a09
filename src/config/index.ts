/** The configuration (`.github/story-triage.yml`): its types and its one parser. */
export type { BoardConfig, Config, LabelNames, RuleSetting, StoryKind } from "./types.js";
export { CONFIG_KEYS, CONFIG_PATH, ConfigError, DEFAULT_BOARD, LIMITS, defaultConfig, parseConfig, parseConfigYaml } from "./parse.js";
