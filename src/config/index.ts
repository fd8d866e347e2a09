/** The configuration (`.github/story-triage.yml`): its types and its one parser. */
export type { Config, LabelNames, RuleSetting, StoryKind } from "./types.js";
export { CONFIG_KEYS, CONFIG_PATH, ConfigError, LIMITS, defaultConfig, parseConfig, parseConfigYaml } from "./parse.js";
