/**
 * toc-missing and link-broken findings on every story version of the shared corpus, each checked
 * by hand against the pull request's book/head/ files and head-tree.txt:
 *
 * - toc-missing: every story these pull requests add is absent from src/SUMMARY.md at their head
 *   (pr-134, the one that adds its story's entry, has no finding); SUMMARY.md was not in their
 *   diffs (the maintainers' later "add new stories to SUMMARY.md" commits). Each proposed line
 *   copies its siblings' indentation and "./vision/..." style and goes after the last sibling, or
 *   at its place in title order where the list is in title order (pr-89, pr-93, pr-129, ...), after
 *   the folder's Template entry when no story of the folder is listed yet (pr-138). The title is the
 *   story's H1 without the template's prefix, the file name when the H1 is missing (pr-192) or still
 *   the template's (pr-194). No story in the corpus is renamed in its pull request.
 * - link-broken, missing files: `[status quo stories]: ./status_quo.md` resolves inside the story's
 *   own folder, where no status_quo.md exists (the kinds' index pages are one folder up); several
 *   status_quo.md files exist, so none is proposed; the templates carry the same definition.
 *   Under submitted_stories/ (pr-224, pr-226, pr-228) the template's `../characters/...` and
 *   `../how_to_vision/...` links point one folder short; the one file of each name is proposed.
 *   Shiny future `./comment.md` is missing from shiny_future/; how_to_vision/comment.md is the one
 *   file of that name. Also real: `[...]: TODO` (pr-38), `https>//crates.io/...` (pr-121), a story
 *   not yet in the repository at pr-94's head, `../projects/DistriData.md` from submitted_stories/.
 * - link-broken, undefined references: `[add your own status quo story][htvsq]`, `[Barbara][]` and
 *   the shortcut `[cannot be wrong]` where the story has no such definition (they render as
 *   brackets). `[[C++] Throwing Out The Kitchen Sink](...)` (pr-186) is a link's text, not reported.
 *
 * None is a false alarm.
 */
export const FINDINGS: Record<string, string[]> = {
  "pr-38 src/vision/status_quo/alan_runs_into_stack_trouble.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan runs into stack allocation trouble](./vision/status_quo/alan_runs_into_stack_trouble.md)` after line 21 (`Grace deploys her service and hits obstacles`), beside the other stories of its folder.",
    "8:1 link-broken Link definition `[Alan runs into stack allocation trouble and is able to fix problems]` `TODO` points at `src/vision/status_quo/TODO`, which is not in the repository at the head. Expected a path to a file that exists.",
  ],
  "pr-56 src/vision/status_quo/barbara_makes_their_first_steps_into_async.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara makes their first foray into async](./vision/status_quo/barbara_makes_their_first_steps_into_async.md)` after line 26 (`Alan runs into stack trouble`), beside the other stories of its folder.",
    "63:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-64 src/vision/status_quo/barbara_makes_their_first_steps_into_async.md": [
    "67:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-68 src/vision/status_quo/niklaus_wants_to_share_knowledge.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Niklaus Wants to Share Knowledge](./vision/status_quo/niklaus_wants_to_share_knowledge.md)` after line 28 (`Grace deploys her service and hits obstacles`), beside the other stories of its folder.",
    "8:195 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
    "8:263 link-broken Reference `[add your own status quo story][htvsq]` has no definition `[htvsq]: ...`, so it shows as plain brackets; expected a definition for `htvsq` or an inline link.",
  ],
  "pr-85 src/vision/status_quo/barbara_carefully_dismisses_embedded_future.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara carefully dismisses embedded Future](./vision/status_quo/barbara_carefully_dismisses_embedded_future.md)` after line 26 (`Alan runs into stack trouble`), beside the other stories of its folder.",
  ],
  "pr-89 src/vision/status_quo/alan_finds_database_drops_hard.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan finds dropping database handles is hard.](./vision/status_quo/alan_finds_database_drops_hard.md)` before line 26 (`Alan runs into stack trouble`), beside the other stories of its folder.",
    "93:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-93 src/vision/status_quo/alan_lost_the_world.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan lost the world!](./vision/status_quo/alan_lost_the_world.md)` before line 26 (`Alan runs into stack trouble`), beside the other stories of its folder.",
    "170:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-94 src/vision/status_quo/barbara_plays_with_async.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara plays with async](./vision/status_quo/barbara_plays_with_async.md)` after line 30 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "388:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "392:1 link-broken Link definition `[trusts the rust compiler]` `./alan_started_trusting_the_rust_compiler_but_then_async.md` points at `src/vision/status_quo/alan_started_trusting_the_rust_compiler_but_then_async.md`, which is not in the repository at the head. Expected a path to a file that exists.",
  ],
  "pr-97 src/vision/status_quo/alan_tries_a_socket_sink.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan tries using a socket Sink](./vision/status_quo/alan_tries_a_socket_sink.md)` after line 30 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "131:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-99 src/vision/status_quo/barbara_trims_a_stacktrace.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara trims a stacktrace](./vision/status_quo/barbara_trims_a_stacktrace.md)` after line 31 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "163:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-101 src/vision/status_quo/alan_writes_a_web_framework.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan writes a web framework](./vision/status_quo/alan_writes_a_web_framework.md)` after line 31 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "225:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-104 src/vision/status_quo/barbara_tries_async_streams.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara tries async streams](./vision/status_quo/barbara_tries_async_streams.md)` after line 31 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "48:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-106 src/vision/status_quo/Alan_tries_to_debug_a_hang.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan tries to debug a hang](./vision/status_quo/Alan_tries_to_debug_a_hang.md)` after line 31 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "134:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-110 src/vision/status_quo/alan_finds_database_drops_hard.md": [
    "93:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-110 src/vision/status_quo/barbara_plays_with_async.md": [
    "388:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-110 src/vision/status_quo/barbara_trims_a_stacktrace.md": [
    "163:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-111 src/vision/status_quo/barbara_anguishes_over_http.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara Anguishes Over HTTP](./vision/status_quo/barbara_anguishes_over_http.md)` after line 29 (`Alan started trusting the Rust compiler, but then... async`), beside the other stories of its folder.",
  ],
  "pr-114 src/vision/status_quo/barbara_wants_async_insights.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara wants Async Insights](./vision/status_quo/barbara_wants_async_insights.md)` after line 34 (`Barbara trims a stacktrace`), beside the other stories of its folder.",
    "71:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-115 src/vision/status_quo/barbara_builds_an_async_executor.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara builds an async executor](./vision/status_quo/barbara_builds_an_async_executor.md)` after line 29 (`Alan started trusting the Rust compiler, but then... async`), beside the other stories of its folder.",
    "162:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-121 src/vision/status_quo/barbara_needs_async_helpers.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara needs Async Helpers](./vision/status_quo/barbara_needs_async_helpers.md)` after line 31 (`Barbara makes their first foray into async`), beside the other stories of its folder.",
    "204:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "221:1 link-broken Link definition `[`warp`]` `https>//crates.io/crates/warp/` points at `src/vision/status_quo/https>/crates.io/crates/warp`, which is not in the repository at the head. Expected a path to a file that exists.",
  ],
  "pr-129 src/vision/status_quo/alan_iteratively_regresses.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan iteratively regresses performance](./vision/status_quo/alan_iteratively_regresses.md)` after line 27 (\"Alan hates writing a `Stream`\"), beside the other stories of its folder.",
    "105:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-132 src/vision/status_quo/niklaus_simulates_hydrodynamics.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Niklaus Builds a Hydrodynamics Simulator](./vision/status_quo/niklaus_simulates_hydrodynamics.md)` after line 41 (`Grace wants to integrate a C-API`), beside the other stories of its folder.",
    "66:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-133 src/vision/status_quo/barbara_wants_to_use_ghostcell.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara wants to use GhostCell-like cell borrowing with futures](./vision/status_quo/barbara_wants_to_use_ghostcell.md)` after line 38 (`Barbara wants async insights`), beside the other stories of its folder.",
    "408:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-134 src/vision/status_quo/alan_needs_async_in_traits.md": [
    "7:195 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
    "7:263 link-broken Reference `[add your own status quo story][htvsq]` has no definition `[htvsq]: ...`, so it shows as plain brackets; expected a definition for `htvsq` or an inline link.",
  ],
  "pr-134 src/vision/status_quo/alan_tries_to_debug_a_hang.md": [
    "134:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-136 src/vision/status_quo/alan_finds_database_drops_hard.md": [
    "96:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-138 src/vision/shiny_future/barbara_makes_a_wish.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara makes a wish](./vision/shiny_future/barbara_makes_a_wish.md)` after line 44 (`Template`), beside the other stories of its folder.",
    "164:1 link-broken Link definition `[comment]` `./comment.md` points at `src/vision/shiny_future/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "165:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/shiny_future/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-144 src/vision/status_quo/barbara_compares_some_cpp_code.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara compares some code (and has a performance problem)](./vision/status_quo/barbara_compares_some_cpp_code.md)` after line 47 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "7:195 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
    "7:263 link-broken Reference `[add your own status quo story][htvsq]` has no definition `[htvsq]: ...`, so it shows as plain brackets; expected a definition for `htvsq` or an inline link.",
  ],
  "pr-148 src/vision/status_quo/alan_thinks_he_needs_async_locks.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan thinks he needs async locks](./vision/status_quo/alan_thinks_he_needs_async_locks.md)` after line 49 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "122:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-148 src/vision/status_quo/alan_tries_a_socket_sink.md": [
    "131:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-149 src/vision/status_quo/barbara_bridges_sync_and_async.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara bridges sync and async in perf.rust-lang.org](./vision/status_quo/barbara_bridges_sync_and_async.md)` after line 49 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "329:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-153 src/vision/status_quo/alan_builds_a_cache.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan tries to cache requests, which doesn't always happen.](./vision/status_quo/alan_builds_a_cache.md)` after line 49 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "7:195 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
    "7:263 link-broken Reference `[add your own status quo story][htvsq]` has no definition `[htvsq]: ...`, so it shows as plain brackets; expected a definition for `htvsq` or an inline link.",
    "53:14 link-broken Reference `[Barbara][]` has no definition `[Barbara]: ...`, so it shows as plain brackets; expected a definition for `Barbara` or an inline link.",
  ],
  "pr-159 src/vision/status_quo/alan_tries_a_socket_sink.md": [
    "131:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-174 src/vision/shiny_future/barbara_enjoys_an_async_sandwich.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara enjoys her async-sync-async sandwich :sandwich:](./vision/shiny_future/barbara_enjoys_an_async_sandwich.md)` after line 61 (`Alan's trust in the compiler is rewarded`), beside the other stories of its folder.",
    "151:1 link-broken Link definition `[comment]` `./comment.md` points at `src/vision/shiny_future/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "152:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/shiny_future/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-186 src/vision/status_quo/alan_tries_a_socket_sink.md": [
    "132:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-191 src/vision/status_quo/barbara_tries_unix_socket.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara tries Unix socket](./vision/status_quo/barbara_tries_unix_socket.md)` after line 59 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "325:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-192 src/vision/shiny_future/barbara_wants_async_tracing.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [barbara wants async tracing](./vision/shiny_future/barbara_wants_async_tracing.md)` after line 65 (`Barbara makes a wish`), beside the other stories of its folder.",
    "103:1 link-broken Link definition `[comment]` `./comment.md` points at `src/vision/shiny_future/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "104:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/shiny_future/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-194 src/vision/status_quo/grace_writes_a_new_fb_service.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [grace writes a new fb service](./vision/status_quo/grace_writes_a_new_fb_service.md)` after line 59 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "66:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-195 src/vision/shiny_future/barbara_wants_async_rw.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Barbara Wants Async Read Write](./vision/shiny_future/barbara_wants_async_rw.md)` after line 65 (`Barbara makes a wish`), beside the other stories of its folder.",
    "86:1 link-broken Link definition `[comment]` `./comment.md` points at `src/vision/shiny_future/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "87:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/shiny_future/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-199 src/vision/shiny_future/alan_learns_async_on_his_own.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan learns async on his own](./vision/shiny_future/alan_learns_async_on_his_own.md)` before line 63 (`Alan switches runtimes`), beside the other stories of its folder.",
    "13:16 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
  ],
  "pr-200 src/vision/shiny_future/barbara_wants_async_tracing.md": [
    "104:1 link-broken Link definition `[comment]` `./comment.md` points at `src/vision/shiny_future/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "105:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/shiny_future/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-205 src/vision/status_quo/alan_wants_prefetch_iterator.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan wants an async iterator with prefetch](./vision/status_quo/alan_wants_prefetch_iterator.md)` after line 76 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "80:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-206 src/vision/status_quo/barbara_builds_an_async_executor.md": [
    "166:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-209 src/vision/status_quo/alan_builds_a_task_scheduler.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan builds a task scheduler](./vision/status_quo/alan_builds_a_task_scheduler.md)` after line 76 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "700:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-214 src/vision/status_quo/alan_misses_c_sharp_async.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Alan misses C# async](./vision/status_quo/alan_misses_c_sharp_async.md)` after line 76 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "408:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-219 src/vision/shiny_future/alan_learns_async_on_his_own.md": [
    "13:16 link-broken Reference `[cannot be wrong]` has no definition `[cannot be wrong]: ...`, so it shows as plain brackets; expected a definition for `cannot be wrong` or an inline link.",
  ],
  "pr-224 src/vision/submitted_stories/status_quo/alan_thinks_he_needs_async_locks.md": [
    "115:26 link-broken Link `../characters/alan.md` points at `src/vision/submitted_stories/characters/alan.md`, which is not in the repository at the head. The only file named `alan.md` is `src/vision/characters/alan.md`: link `../../characters/alan.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "121:1 link-broken Link definition `[character]` `../characters.md` points at `src/vision/submitted_stories/characters.md`, which is not in the repository at the head. The only file named `characters.md` is `src/vision/characters.md`: link `../../characters.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "122:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/submitted_stories/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "123:1 link-broken Link definition `[Alan]` `../characters/alan.md` points at `src/vision/submitted_stories/characters/alan.md`, which is not in the repository at the head. The only file named `alan.md` is `src/vision/characters/alan.md`: link `../../characters/alan.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "124:1 link-broken Link definition `[Grace]` `../characters/grace.md` points at `src/vision/submitted_stories/characters/grace.md`, which is not in the repository at the head. The only file named `grace.md` is `src/vision/characters/grace.md`: link `../../characters/grace.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "125:1 link-broken Link definition `[Niklaus]` `../characters/niklaus.md` points at `src/vision/submitted_stories/characters/niklaus.md`, which is not in the repository at the head. The only file named `niklaus.md` is `src/vision/characters/niklaus.md`: link `../../characters/niklaus.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "126:1 link-broken Link definition `[Barbara]` `../characters/barbara.md` points at `src/vision/submitted_stories/characters/barbara.md`, which is not in the repository at the head. The only file named `barbara.md` is `src/vision/characters/barbara.md`: link `../../characters/barbara.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "127:1 link-broken Link definition `[htvsq]` `../how_to_vision/status_quo.md` points at `src/vision/submitted_stories/how_to_vision/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "128:1 link-broken Link definition `[cannot be wrong]` `../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade` points at `src/vision/submitted_stories/how_to_vision/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-226 src/vision/submitted_stories/status_quo/alan_wants_prefetch_iterator.md": [
    "79:1 link-broken Link definition `[character]` `../characters.md` points at `src/vision/submitted_stories/characters.md`, which is not in the repository at the head. The only file named `characters.md` is `src/vision/characters.md`: link `../../characters.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "80:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/submitted_stories/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "81:1 link-broken Link definition `[Alan]` `../characters/alan.md` points at `src/vision/submitted_stories/characters/alan.md`, which is not in the repository at the head. The only file named `alan.md` is `src/vision/characters/alan.md`: link `../../characters/alan.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "82:1 link-broken Link definition `[Grace]` `../characters/grace.md` points at `src/vision/submitted_stories/characters/grace.md`, which is not in the repository at the head. The only file named `grace.md` is `src/vision/characters/grace.md`: link `../../characters/grace.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "83:1 link-broken Link definition `[Niklaus]` `../characters/niklaus.md` points at `src/vision/submitted_stories/characters/niklaus.md`, which is not in the repository at the head. The only file named `niklaus.md` is `src/vision/characters/niklaus.md`: link `../../characters/niklaus.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "84:1 link-broken Link definition `[Barbara]` `../characters/barbara.md` points at `src/vision/submitted_stories/characters/barbara.md`, which is not in the repository at the head. The only file named `barbara.md` is `src/vision/characters/barbara.md`: link `../../characters/barbara.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "85:1 link-broken Link definition `[htvsq]` `../how_to_vision/status_quo.md` points at `src/vision/submitted_stories/how_to_vision/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "86:1 link-broken Link definition `[cannot be wrong]` `../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade` points at `src/vision/submitted_stories/how_to_vision/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
  ],
  "pr-228 src/vision/submitted_stories/status_quo/grace_debugs_a_crash_dump.md": [
    "1:1 toc-missing The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Grace debugs a crash dump](./vision/submitted_stories/status_quo/grace_debugs_a_crash_dump.md)` after line 136 (`Niklaus wants to share knowledge`), beside the other stories of its folder.",
    "125:1 link-broken Link definition `[character]` `../characters.md` points at `src/vision/submitted_stories/characters.md`, which is not in the repository at the head. The only file named `characters.md` is `src/vision/characters.md`: link `../../characters.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "126:1 link-broken Link definition `[status quo stories]` `./status_quo.md` points at `src/vision/submitted_stories/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "127:1 link-broken Link definition `[Alan]` `../characters/alan.md` points at `src/vision/submitted_stories/characters/alan.md`, which is not in the repository at the head. The only file named `alan.md` is `src/vision/characters/alan.md`: link `../../characters/alan.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "128:1 link-broken Link definition `[Grace]` `../characters/grace.md` points at `src/vision/submitted_stories/characters/grace.md`, which is not in the repository at the head. The only file named `grace.md` is `src/vision/characters/grace.md`: link `../../characters/grace.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "129:1 link-broken Link definition `[Niklaus]` `../characters/niklaus.md` points at `src/vision/submitted_stories/characters/niklaus.md`, which is not in the repository at the head. The only file named `niklaus.md` is `src/vision/characters/niklaus.md`: link `../../characters/niklaus.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "130:1 link-broken Link definition `[Barbara]` `../characters/barbara.md` points at `src/vision/submitted_stories/characters/barbara.md`, which is not in the repository at the head. The only file named `barbara.md` is `src/vision/characters/barbara.md`: link `../../characters/barbara.md`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "131:1 link-broken Link definition `[htvsq]` `../how_to_vision/status_quo.md` points at `src/vision/submitted_stories/how_to_vision/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "132:1 link-broken Link definition `[cannot be wrong]` `../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade` points at `src/vision/submitted_stories/how_to_vision/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../../how_to_vision/comment.md#comment-to-understand-or-improve-not-to-negate-or-dissuade`. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    "133:1 link-broken Link definition `[DistriData]` `../projects/DistriData.md` points at `src/vision/submitted_stories/projects/DistriData.md`, which is not in the repository at the head. The only file named `DistriData.md` is `src/vision/projects/DistriData.md`: link `../../projects/DistriData.md`.",
  ],
};

/** Findings above (as "story finding") judged wrong by hand: none. */
export const FALSE_ALARMS: string[] = [];
