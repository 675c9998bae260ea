/**
 * The word pools the mock writes its answers from. Every shape is a function of the prompt's
 * subject, so answers mention what the prompt is about. None of them contains a list marker at the
 * start, a line break or a double quote, so items survive list parsing and YAML conversion intact.
 */

/** Broad subject areas, for a list of topics asked with no subject (the roots of a topic tree). */
export const broadTopics: ReadonlyArray<string> = [
  'Cooking and food',
  'Personal finance',
  'Space exploration',
  'Health and fitness',
  'Travel and culture',
  'Climate and weather',
  'Computers and software',
  'World history',
  'Music and the arts',
  'Parenting and family life',
  'Gardening and plants',
  'Sports and games',
  'Language learning',
  'Psychology and emotions',
  'Animals and pets',
  'Law and government',
  'Business and careers',
  'Physics and chemistry',
  'Medicine and disease',
  'Philosophy and ethics',
  'Cars and transportation',
  'Home repair and DIY',
  'Literature and writing',
  'Fashion and style',
  'Mathematics and statistics',
  'Geography and geology',
  'Oceans and marine life',
  'Energy and electricity',
  'Movies and television',
  'Religion and mythology',
  'Schools and education',
  'Architecture and design',
  'Farming and agriculture',
  'Social media and the internet',
  'Economics and trade',
  'Photography and film',
];

/** Narrower sides of a subject `s`: subtopics, and list items of any kind about it. */
export const subjectFacets: ReadonlyArray<(subject: string) => string> = [
  (s) => `The history of ${s}`,
  (s) => `Getting started with ${s}`,
  (s) => `Common mistakes in ${s}`,
  (s) => `${upperFirst(s)} on a tight budget`,
  (s) => `The science behind ${s}`,
  (s) => `Careers in ${s}`,
  (s) => `Tools and equipment for ${s}`,
  (s) => `Safety and risks in ${s}`,
  (s) => `${upperFirst(s)} around the world`,
  (s) => `Ethical debates about ${s}`,
  (s) => `Future trends in ${s}`,
  (s) => `${upperFirst(s)} for children and families`,
  (s) => `Famous people in ${s}`,
  (s) => `The environmental impact of ${s}`,
  (s) => `Myths and misconceptions about ${s}`,
  (s) => `${upperFirst(s)} in everyday life`,
  (s) => `New technology in ${s}`,
  (s) => `Laws and rules around ${s}`,
  (s) => `Teaching and learning ${s}`,
  (s) => `The economics of ${s}`,
];

/** Pieces of advice about a subject `s`: tips, ideas, steps, ways, suggestions. */
export const adviceShapes: ReadonlyArray<(subject: string) => string> = [
  (s) => `Start small: pick one part of ${s} and practise it for a week`,
  (s) => `Set a clear goal for ${s} and write it down`,
  (s) => `Learn from people who have done ${s} before you`,
  (s) => `Keep a simple record of what works for ${s}`,
  (s) => `Budget time and money for ${s} before you begin`,
  (s) => `Ask for feedback on ${s} early and often`,
  (s) => `Check a list of common mistakes in ${s} before you start`,
  (s) => `Review your approach to ${s} every month and adjust it`,
  (s) => `Use free tools and resources to make ${s} easier`,
  (s) => `Share what you learn about ${s} with a friend`,
  (s) => `Break ${s} into small steps and finish one at a time`,
  (s) => `Compare a few options for ${s} before you commit`,
];

/** Questions or requests a person might send an assistant about a subject `s`. */
export const questionShapes: ReadonlyArray<(subject: string) => string> = [
  (s) => `What are the most important things a beginner should know about ${s}?`,
  (s) => `How would you explain ${s} to a curious twelve-year-old?`,
  (s) => `Which everyday decisions are shaped by ${s}, and why?`,
  (s) => `What are the most common misconceptions about ${s}?`,
  (s) => `Can you compare two popular approaches to ${s} and say when each one works best?`,
  (s) => `What has changed in ${s} over the last fifty years, and what drove those changes?`,
  (s) => `I want to get better at ${s} in the next three months: what plan would you suggest?`,
  (s) => `What are the strongest arguments for and against relying on ${s}?`,
  (s) => `Which books, courses or other resources would you recommend for learning about ${s}?`,
  (s) => `How do experts judge whether something in ${s} was done well?`,
  (s) => `What ethical questions does ${s} raise today?`,
  (s) => `What does a typical working day look like for someone whose work involves ${s}?`,
  (s) => `What is one surprising fact about ${s} that most people do not know?`,
  (s) => `How can someone on a tight budget get started with ${s}?`,
  (s) => `What mistakes do people often make with ${s}, and how can they avoid them?`,
  (s) => `How might ${s} look different twenty years from now?`,
  (s) => `Write a short, friendly introduction to ${s} for someone who has never thought about it.`,
  (s) => `Give me a few practical tips about ${s} that I can use this week.`,
];

/**
 * Harder rewrites of a request `r` (a whole sentence, ending in punctuation): each adds context
 * about the person asking, a constraint on the answer, or a request for depth.
 */
export const rewriteShapes: ReadonlyArray<(request: string) => string> = [
  (r) => `I am preparing a short talk for my local library and want to get this right. ${r} Please answer in three short paragraphs and avoid jargon.`,
  (r) => `${r} I have only a few minutes to read the answer, so give me five bullet points, each with one concrete example.`,
  (r) => `My teenage daughter asked me this at dinner and I could not answer. ${r} Explain it step by step so that I can pass it on.`,
  (r) => `As a nurse who works night shifts, I rarely have time for long articles. ${r} Keep the answer under two hundred words and end with one thing I can try today.`,
  (r) => `${r} Please compare at least two points of view and say which one you find more convincing, and why.`,
  (r) => `I run a small business and want to use this in a team meeting. ${r} Structure the answer as a table with three columns: idea, example and cost.`,
  (r) => `${r} Assume I already know the basics and go deeper: mention the key studies or sources an expert would cite.`,
  (r) => `I am a retired engineer who likes precise answers. ${r} Give the answer as numbered steps and flag anything you are unsure about.`,
  (r) => `${r} Write the answer for a school newsletter: friendly, clear and no longer than four short paragraphs.`,
  (r) => `I have to explain this to a colleague who is new to the field. ${r} Include one analogy and one common mistake to avoid.`,
  (r) => `${r} Start with a one-sentence summary, then give the details, and finish with a short list of further reading.`,
  (r) => `English is my second language, so please use simple words. ${r} Give two short examples from everyday life.`,
];

/** Qualifiers that make further distinct items once a list needs more items than a pool has shapes. */
export const itemQualifiers: ReadonlyArray<string> = [
  'for beginners',
  'in depth',
  'in the modern world',
  'for families',
  'in history',
  'at work',
  'in small towns',
  'for students',
];

/** Sentences of a plain-text answer about a subject `s`; `f` is a side of it (a facet, lower case). */
export const answerSentences: ReadonlyArray<(s: string, f: string) => string> = [
  (s) => `${upperFirst(s)} is a broad subject, and the best answer depends on what matters most to you.`,
  (_s, f) => `Most people start with ${f}, because it gives a solid base for everything else.`,
  (_s, f) => `It also helps to look at ${f}, which is where many questions come from.`,
  (s) => `A good rule of thumb is to take one small step at a time with ${s} and check the result before going further.`,
  (s) => `Experts in ${s} often disagree on the details, but they agree that practice matters more than theory.`,
  (_s, f) => `If you want more detail, ask about ${f} and I can go deeper.`,
  (s) => `In short, ${s} rewards patience, curiosity and a willingness to learn from mistakes.`,
  (_s, f) => `One useful example is ${f}: it shows the main ideas in a concrete way.`,
];

/** The text with its first letter in upper case. */
export function upperFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** The text with its first letter in lower case, for facets used inside a sentence. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
