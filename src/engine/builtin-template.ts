/**
 * The template that applies when a repository has none: the structure of a "status quo"
 * story (title, draft banner, the story, a FAQ of four standard questions), worded here.
 */
export const builtinTemplateMarkdown = `# 😱 Status quo stories: Template

*Copy this file next to it under a name that starts with your character, such as \`Alan_hits_a_deadlock.md\`, and replace every italic line below with your own text.*

## 🚧 Warning: Draft status 🚧

This story is a draft. It was written from the experience of real users and may be edited as people comment on it.

## The story

*Tell the story here, in as many subsections, code samples and links as it needs.*

## 🤔 Frequently Asked Questions

### What are the morals of the story?

*Name the main lessons: which problems does the story show?*

### What are the sources for this story?

*Say what the story draws on: your own experience, conversations, blog posts, issues.*

### Why did you choose *NAME* to tell this story?

*Say why this character fits the story.*

### How would this story have played out differently for the other characters?

*Say whether the others would have met the same problems, or different ones.*
`;
