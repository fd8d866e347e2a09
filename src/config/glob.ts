/**
 * Globs matched in time linear in the path: a glob becomes a small automaton (Thompson's
 * construction) that reads the path once, keeping the set of places it could be in the glob.
 * Regexes (picomatch's) backtrack instead: `*a*a*a*a.md` against a 1,000-character file name
 * takes about a minute, and a pull request can hold 3,000 such names. Here the cost of one match
 * is at most (path length) × (glob length) steps, whatever the glob.
 *
 * The language, as picomatch reads it with `dot: true` (parse.ts checks that a glob stays in it):
 * `*` any run of characters but `/`; `**` as a whole segment any number of segments (`a/**` also
 * matches `a`), elsewhere the same as `*`; `?` one character but `/`; `[…]` one character of a
 * class (the class itself is read by picomatch); `{a,b}` alternatives, nested or not; `\` makes
 * the next character literal; a leading `./` is dropped; everything else is literal.
 */
import picomatch from "picomatch";

const CLASS_OPTIONS = { dot: true, strictBrackets: true, noextglob: true } as const;

type Test = (code: number) => boolean;

type Node =
  /** One character; `code` set when it is a literal one. */
  | { type: "char"; test: Test; code?: number }
  /** `*`: any run of characters but `/`. */
  | { type: "star" }
  /** `**` followed by `/`: any number of whole segments, each with its slash, possibly none. */
  | { type: "dirs" }
  /** `/**` at the end: `/` and anything after it, or (when `optional`) nothing at all. */
  | { type: "rest"; optional: boolean }
  /** `**` as the whole glob: anything. */
  | { type: "all" }
  | { type: "alt"; options: Node[][] };

const SLASH = 47;
const notSlash: Test = (code) => code !== SLASH;

/** Where the automaton can be: read one character that passes `test`, or try two places at once. */
type State = { kind: "read"; test: Test; next: number } | { kind: "split"; a: number; b: number } | { kind: "match" };

export interface GlobMatcher {
  (path: string): boolean;
}

/** Compiles one glob. Assumes it passed parse.ts's checks (balanced braces and brackets). */
export function compileGlob(glob: string): GlobMatcher {
  return compileGlobs([glob]);
}

/** A kind's matcher: any of `paths` and none of `exclude` (validated globs). */
export function kindMatcher(paths: string[], exclude: string[]): GlobMatcher {
  // Matched in linear time: a regex could backtrack for minutes on a long file name.
  const included = paths.length === 0 ? () => false : compileGlobs(paths);
  const excluded = exclude.length === 0 ? () => false : compileGlobs(exclude);
  return (path) => included(path) && !excluded(path);
}

/**
 * Any of several globs, as one automaton: a path is read once for all of them, and the places
 * it can start from are worked out once, not per path (a kind may have a thousand globs).
 */
export function compileGlobs(globs: string[]): GlobMatcher {
  const states: State[] = [{ kind: "match" }];
  const starts = globs.map((glob) => {
    const source = glob.startsWith("./") ? glob.slice(2) : glob;
    const nodes: Node[] = source === "**" ? [{ type: "all" }] : new Reader(source).sequence(false);
    return build(nodes, 0, states);
  });
  const automaton = new Automaton(states, starts);
  return (path) => automaton.matches(path);
}

class Reader {
  #at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Nodes up to the end, or (inside braces) up to an unescaped `,` or `}`. */
  sequence(inBraces: boolean): Node[] {
    const text = this.#text;
    const nodes: Node[] = [];
    while (this.#at < text.length) {
      const ch = text[this.#at] ?? "";
      if (inBraces && (ch === "," || ch === "}")) break;
      if (ch === "\\") {
        nodes.push(literal(text.charCodeAt(this.#at + 1 < text.length ? this.#at + 1 : this.#at)));
        this.#at += 2;
      } else if (ch === "*") {
        const node = this.#stars(nodes);
        if (node !== null) nodes.push(node);
      } else if (ch === "?") {
        nodes.push({ type: "char", test: notSlash });
        this.#at += 1;
      } else if (ch === "[") {
        nodes.push(this.#bracket());
      } else if (ch === "{") {
        nodes.push(...this.#braces());
      } else {
        nodes.push(literal(text.charCodeAt(this.#at)));
        this.#at += 1;
      }
    }
    return nodes;
  }

  /**
   * A run of `*`: `**` standing for whole segments, or a plain `*`. Null when it adds nothing
   * (`**` right after `**` and a slash). May take the slash of a final `/**` back from `before`:
   * picomatch makes it optional unless a `*` comes right before it (`a/**` and `*a/**` match
   * `a`, but `a*` followed by `/**` does not match `ab`).
   */
  #stars(before: Node[]): Node | null {
    const text = this.#text;
    const from = this.#at;
    while (text[this.#at] === "*") this.#at += 1;
    const whole = this.#at - from === 2 && (from === 0 || text[from - 1] === "/");
    if (!whole) return { type: "star" };
    if (text[this.#at] === "/") {
      this.#at += 1;
      return before.at(-1)?.type === "dirs" ? null : { type: "dirs" };
    }
    if (this.#at < text.length) return { type: "star" };
    if (before.at(-1)?.type === "dirs") before.pop();
    if (before.length === 0) return { type: "all" };
    const slash = before.at(-1);
    if (slash?.type !== "char" || slash.code !== SLASH) return { type: "star" };
    before.pop();
    return { type: "rest", optional: before.at(-1)?.type !== "star" };
  }

  /** `[…]`: the bracket expression, read by picomatch as a one-character pattern. */
  #bracket(): Node {
    const text = this.#text;
    const end = bracketEnd(text, this.#at);
    if (end >= text.length) {
      // No closing bracket: a literal `[` (parse.ts refuses such globs; kept total here).
      this.#at += 1;
      return literal(91);
    }
    const regex = picomatch.makeRe(text.slice(this.#at, end + 1), CLASS_OPTIONS);
    this.#at = end + 1;
    return { type: "char", test: (code) => code !== SLASH && regex.test(String.fromCharCode(code)) };
  }

  /** `{a,b}`: alternatives; without a top-level comma, the braces and what they hold are literal. */
  #braces(): Node[] {
    const open = this.#at;
    this.#at += 1;
    const options: Node[][] = [this.sequence(true)];
    while (this.#text[this.#at] === ",") {
      this.#at += 1;
      options.push(this.sequence(true));
    }
    if (this.#text[this.#at] !== "}") {
      this.#at = open + 1;
      return [literal(123)];
    }
    this.#at += 1;
    if (options.length === 1) {
      // `{a}` is the text `{a}`.
      return [literal(123), ...(options[0] ?? []), literal(125)];
    }
    return [{ type: "alt", options }];
  }
}

/**
 * Where the bracket expression opening at `open` closes (the index of its `]`), or the text's
 * length when it does not. A `]` first in the class, an escaped one, or one ending a POSIX class
 * like `[:alpha:]` does not close it.
 */
export function bracketEnd(text: string, open: number): number {
  let end = open + 1;
  if (text[end] === "!" || text[end] === "^") end += 1;
  if (text[end] === "]") end += 1;
  while (end < text.length && text[end] !== "]") {
    if (text[end] === "\\") {
      end += 2;
    } else if (text[end] === "[" && text[end + 1] === ":") {
      const close = text.indexOf(":]", end + 2);
      end = close === -1 ? end + 1 : close + 2;
    } else {
      end += 1;
    }
  }
  return Math.min(end, text.length);
}

function literal(code: number): Node {
  return { type: "char", test: (c) => c === code, code };
}

/** Adds the states for `nodes` followed by state `next`; returns the first (continuation style, from the end). */
function build(nodes: Node[], next: number, states: State[]): number {
  let target = next;
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const node = nodes[i];
    if (node === undefined) continue;
    target = buildNode(node, target, states);
  }
  return target;
}

function add(states: State[], state: State): number {
  states.push(state);
  return states.length - 1;
}

/** A loop: any number of characters that pass `test`, then `next`. */
function loop(test: Test, next: number, states: State[]): number {
  const split = add(states, { kind: "split", a: -1, b: next });
  const read = add(states, { kind: "read", test, next: split });
  states[split] = { kind: "split", a: read, b: next };
  return split;
}

function buildNode(node: Node, next: number, states: State[]): number {
  switch (node.type) {
    case "char":
      return add(states, { kind: "read", test: node.test, next });
    case "star":
      return loop(notSlash, next, states);
    case "all":
      return loop(() => true, next, states);
    case "dirs": {
      // Segments and their slashes, any number: a split that either leaves or reads one segment and its slash, then comes back.
      const split = add(states, { kind: "split", a: -1, b: next });
      const slash = add(states, { kind: "read", test: (code) => code === SLASH, next: split });
      const segment = loop(notSlash, slash, states);
      states[split] = { kind: "split", a: segment, b: next };
      return split;
    }
    case "rest": {
      const anything = loop(() => true, next, states);
      const slash = add(states, { kind: "read", test: (code) => code === SLASH, next: anything });
      return node.optional ? add(states, { kind: "split", a: slash, b: next }) : slash;
    }
    case "alt": {
      const starts = node.options.map((option) => build(option, next, states));
      let first = starts[starts.length - 1] ?? next;
      for (let i = starts.length - 2; i >= 0; i -= 1) first = add(states, { kind: "split", a: starts[i] ?? next, b: first });
      return first;
    }
  }
}

/** The states, and the work that does not depend on the path, done once. */
class Automaton {
  readonly #states: State[];
  /** The reading states (and the match) reachable from the starts without reading. */
  readonly #initial: number[] = [];
  /** `#seen[state] === #generation`: the state is already in the set being built. */
  readonly #seen: Uint32Array;
  #generation = 1;
  readonly #stack: number[] = [];
  /** The state sets of this step and the next, reused from path to path. */
  readonly #buffers: [number[], number[]] = [[], []];

  constructor(states: State[], starts: number[]) {
    this.#states = states;
    this.#seen = new Uint32Array(states.length);
    for (const start of starts) this.#enter(start, this.#initial);
  }

  /** Reads `path` once, keeping every state the automaton could be in (each state at most once). */
  matches(path: string): boolean {
    const states = this.#states;
    let current: readonly number[] = this.#initial;
    let next = this.#buffers[0];
    let spare = this.#buffers[1];
    for (let i = 0; i < path.length; i += 1) {
      const code = path.charCodeAt(i);
      this.#nextGeneration();
      next.length = 0;
      for (const at of current) {
        const s = states[at];
        if (s !== undefined && s.kind === "read" && s.test(code)) this.#enter(s.next, next);
      }
      if (next.length === 0) return false;
      current = next;
      [next, spare] = [spare, next];
    }
    return current.some((at) => states[at]?.kind === "match");
  }

  #nextGeneration(): void {
    this.#generation += 1;
    if (this.#generation === 0xffffffff) {
      this.#seen.fill(0);
      this.#generation = 1;
    }
  }

  /** Adds `state` and every state reachable from it without reading, to `into`. */
  #enter(state: number, into: number[]): void {
    const stack = this.#stack;
    stack.push(state);
    while (stack.length > 0) {
      const at = stack.pop() ?? 0;
      if (this.#seen[at] === this.#generation) continue;
      this.#seen[at] = this.#generation;
      const s = this.#states[at];
      if (s === undefined) continue;
      if (s.kind === "split") stack.push(s.b, s.a);
      else into.push(at);
    }
  }
}
