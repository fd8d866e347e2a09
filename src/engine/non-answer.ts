/**
 * Answers that say nothing: "TODO", "TBD", "I'm not sure yet, I have to look", "will fill in
 * later", and answers that defer in any wording ("I'll come back to this", "I don't know right
 * now", "still thinking about it", "let me check"). An answer is a non-answer when, once such phrases and the small words around them are
 * taken out, nothing is left; a short answer holding a TODO marker counts too. A short real
 * answer ("No.", "Yes, see above", "(I'm not sure.)") says something and stays answered.
 */

/** Markers and phrases that stand in for an answer. Matched on normalised text (lower case, no punctuation). */
const PHRASES: readonly RegExp[] = [
  /\b(?:todo|tbd|tba|tbc|fixme|wip|xxx+)\b/g,
  /\b(?:i'm |i am |im )?(?:still )?(?:not sure|unsure) (?:yet|for now|at the moment)\b/g,
  /\b(?:i )?(?:don't|do not|dont) know (?:yet|for now|at the moment)\b/g,
  /\b(?:i )?(?:haven't|have not|havent) (?:decided|thought about (?:it|this|that)|figured (?:it|this|that) out|written (?:it|this|that)) yet\b/g,
  /\bno idea yet\b/g,
  /\b(?:i )?(?:still )?(?:have|need|want|will have) to (?:look|check|think|research|find out|ask|dig)(?: (?:into|about|up|it|this|that|more|further|again))*\b/g,
  /\b(?:i'll|i will|will|to|i'd like to|i plan to|i hope to) (?:fill|add|write|answer|update|complete|finish|expand|come back to)(?: (?:this|it|that|in|out|up|on|more|here|the answer|an answer|something|to|this question))*(?: (?:later|soon|eventually|afterwards|another time))\b/g,
  /\b(?:fill|write|add) (?:this |it |that )?(?:in |out |up )?(?:later|soon|here)\b/g,
  /\bto be (?:written|added|done|decided|determined|filled in|filled|completed|answered|expanded|continued)\b/g,
  /\b(?:coming soon|more to come|more later|placeholder|work in progress)\b/g,
  /\bwrite (?:this|something) here\b/g,
  // Deferring, in any wording: coming back to it, getting back to it, answering it later.
  /\b(?:i'll|i will|i'd|i would|will|we'll|we will|going to|gonna|i'm going to|i plan to|i need to|need to|have to|i have to|let me|i must|must) (?:come|get|circle|loop) back (?:to|on) (?:this|it|that|you|the question|this question)\b/g,
  /\b(?:come|get|circle|loop) back (?:to|on) (?:this|it|that|you|the question|this question)(?: (?:later|soon|eventually|afterwards|another time))?\b/g,
  /\b(?:i'll|i will|will|we'll|i'm going to|going to|let me|i need to|i have to|need to|have to) (?:answer|write|fill in|fill out|fill|add|update|complete|finish|expand on|expand) (?:this|it|that|this question|this section|the answer|an answer)\b/g,
  /\b(?:i )?(?:don't|do not|dont) (?:yet |really )?know (?:yet|for now|at the moment|right now|at this point|so far)\b/g,
  /\b(?:i'm |i am |im )?(?:still )?(?:not sure|unsure) (?:right now|at this point|so far)\b/g,
  /\b(?:i'm |i am |im |we're |we are )?still (?:thinking about (?:it|this|that)|working on (?:it|this|that)|figuring (?:it|this|that) out|deciding|undecided|looking into (?:it|this|that))\b/g,
  /\b(?:need|have|want) to (?:look|check) (?:it |this |that )?up\b/g,
  /\b(?:not (?:yet )?(?:written|answered|decided|known) yet|not (?:written|answered|decided) yet|to be confirmed|pending|stay tuned|ask me later|answer (?:pending|to follow|to come)|more soon)\b/g,
  /\blet me (?:think|check|look)(?: (?:about it|into it|into this|it up))?\b/g,
];

/** Words that carry no answer once a phrase above has been found beside them. */
const FILLER = new Set([
  "i", "i'm", "im", "i'll", "i've", "we", "we'll", "it", "this", "that", "here", "yet", "still", "for", "now", "so", "and", "but",
  "then", "the", "a", "an", "answer", "question", "section", "later", "soon", "please", "sorry", "note", "will", "be", "is", "to",
  "more", "on", "at", "moment", "maybe", "probably", "again", "about", "of", "in", "me", "my", "out", "up",
  "right", "point", "once", "when", "one", "after", "with", "you", "ok", "okay", "hmm", "honestly", "actually", "really", "yet",
]);

/** Answers this long or longer are never taken for a TODO note (they say something besides it). */
const SHORT_NOTE = 80;
const MARKER = /\b(?:todo|tbd|tba|fixme|xxx+)\b/;

/** `key` is the answer's normalised text (see markdown.ts normalize()). */
export function isNonAnswer(key: string): boolean {
  let rest = key;
  let found = false;
  for (const phrase of PHRASES) {
    rest = rest.replace(phrase, () => {
      found = true;
      return " ";
    });
  }
  if (!found) return false;
  if (rest.split(" ").every((word) => word === "" || FILLER.has(word))) return true;
  return key.length < SHORT_NOTE && MARKER.test(key);
}
