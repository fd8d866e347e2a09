/** Which answers say nothing: a case table of real-looking answers, normalised as the engine reads them. */
import { describe, expect, test } from "@jest/globals";
import { normalize } from "../../src/engine/markdown.js";
import { isNonAnswer } from "../../src/engine/non-answer.js";

const NON_ANSWERS = [
  "TODO",
  "TBD.",
  "todo: write this",
  "TODO - ask Niklaus about the numbers",
  "I'm not sure yet, I have to look.",
  "Not sure yet.",
  "I don't know yet.",
  "I still need to look into this.",
  "Will fill this in later!",
  "I'll add more here later.",
  "I will come back to this later.",
  "To be written.",
  "Coming soon...",
  "This is a placeholder.",
  "Work in progress",
  "Write something here",
  "I haven't decided yet.",
  "Haven't thought about it yet",
  "No idea yet!",
  "I'll come back to this.",
  "Will come back to this one",
  "I need to get back to this.",
  "Let me circle back on this later.",
  "I'll answer this.",
  "We will add an answer to this question soon.",
  "I don't know right now.",
  "Not sure at this point.",
  "Still thinking about it.",
  "I'm still figuring this out",
  "Need to look it up.",
  "Let me check.",
  "Answer pending.",
  "To be confirmed",
  "Hmm, honestly I don't know yet. I'll come back to it.",
];

const ANSWERS = [
  "No.",
  "Yes, see above",
  "(I'm not sure.)",
  "Not sure yet whether Grace would have hit it: she knows C++ allocators well, so she might have seen the leak at once.",
  "I don't know of any other language that does this better.",
  "I had to look through the tokio sources for a day before I found the guard.",
  "Alan would have to look for a crate that wraps the callback, and he would find none.",
  "Barbara writes TODO comments in her code and forgets them, which is how the bug stayed hidden for a month before anyone noticed it in production.",
  "None.",
  "Personal experience of the author.",
  "Later, when the compiler gets better diagnostics, this story would be much shorter.",
  "Grace hasn't decided yet which runtime to use, and that is the point of the story.",
  "No idea: that is what surprised Alan most.",
  "Not applicable because the story has only one character.",
  "Not applicable: Grace is the only one who writes embedded code.",
  "Alan would come back to this crate a year later and find it rewritten.",
  "Barbara is still thinking about it, which is why she keeps a blocking call in the hot path.",
  "I don't know right now whether Niklaus would have tried tokio first; he tends to pick whatever the tutorial uses, so probably yes.",
];

describe("non-answers", () => {
  test.each(NON_ANSWERS)("%s: says nothing", (text) => {
    expect(isNonAnswer(normalize(text))).toBe(true);
  });
  test.each(ANSWERS)("%s: an answer", (text) => {
    expect(isNonAnswer(normalize(text))).toBe(false);
  });
});
