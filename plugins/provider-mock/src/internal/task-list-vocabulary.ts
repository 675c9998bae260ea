/**
 * Word pools for the lists of the generation pipelines beyond open QA (writing, closed QA, math,
 * coding). As in `answer-vocabulary`, no item starts with a list mark or holds a line break or a
 * double quote, so items survive list parsing and YAML conversion intact.
 */

/** Broad areas of mathematics, for a list of math topics with no subject. */
export const mathAreas: ReadonlyArray<string> = [
  'Algebra',
  'Geometry',
  'Probability',
  'Statistics',
  'Trigonometry',
  'Calculus',
  'Number theory',
  'Linear algebra',
  'Combinatorics',
  'Sequences and series',
  'Functions and graphs',
  'Measurement',
  'Logic and proof',
  'Vectors',
];

/** Broad concepts of programming in any language, for a list of programming concepts with no subject. */
export const programmingConcepts: ReadonlyArray<string> = [
  'Functions and scope',
  'Data structures',
  'Error handling',
  'File input and output',
  'Object-oriented programming',
  'Iterators and generators',
  'Modules and packages',
  'Testing',
  'String processing',
  'Concurrency',
  'Recursion',
  'Sorting and searching',
  'Regular expressions',
  'Working with dates and times',
];

/** Narrower parts of a math topic `t`. */
export const mathFacets: ReadonlyArray<(topic: string) => string> = [
  (t) => `Definitions and notation in ${t}`,
  (t) => `Solving equations with ${t}`,
  (t) => `Word problems in ${t}`,
  (t) => `Proofs in ${t}`,
  (t) => `Graphs and diagrams in ${t}`,
  (t) => `Common errors in ${t}`,
  (t) => `Applications of ${t} in science`,
  (t) => `Estimation and mental methods in ${t}`,
];

/** Narrower parts of a programming concept `t`. */
export const programmingFacets: ReadonlyArray<(topic: string) => string> = [
  (t) => `Common pitfalls with ${t}`,
  (t) => `The standard library and ${t}`,
  (t) => `Testing code that uses ${t}`,
  (t) => `Performance of ${t}`,
  (t) => `Idioms and best practices for ${t}`,
  (t) => `Debugging problems with ${t}`,
  (t) => `Type hints and ${t}`,
  (t) => `Designing an API around ${t}`,
];

/** Math problems about a topic `t`; `n` draws small whole numbers. */
export const mathProblemShapes: ReadonlyArray<(topic: string, n: (minimum: number, maximum: number) => number) => string> = [
  (t, n) => `Using ${t}, find every real x such that ${n(2, 9)}x + ${n(3, 20)} = ${n(21, 60)}, and check your answer by substitution.`,
  (t, n) => `A rectangular garden is ${n(6, 30)} m long and ${n(3, 15)} m wide. Use ${t} to find the length of its diagonal, to the nearest centimetre.`,
  (t, n) => `Prove, using ${t}, that the sum of any ${n(3, 6)} consecutive whole numbers is divisible by that number of terms when it is odd.`,
  (t, n) => `A bag holds ${n(3, 9)} red and ${n(2, 8)} blue marbles. Applying ${t}, what is the probability that two marbles drawn without replacement are the same colour?`,
  (t, n) => `A car travels ${n(120, 480)} km in ${n(2, 6)} hours at a constant speed. Use ${t} to write a formula for the distance after t hours and find when it has covered half the trip.`,
  (t, n) => `With ${t}, show that the function f(x) = x^2 - ${n(2, 12)}x + ${n(1, 30)} has a minimum, and find the point where it occurs.`,
  (t, n) => `Explain with ${t} why ${n(2, 9)}/${n(10, 19)} is smaller than ${n(10, 19)}/${n(20, 29)}, without converting either fraction to a decimal.`,
  (t, n) => `A savings account pays ${n(2, 6)}% interest each year. Using ${t}, how many whole years does it take for a deposit of ${n(100, 900)} dollars to grow by half?`,
];

/** Coding problems in a language `l` about a topic `t`. */
export const codingProblemShapes: ReadonlyArray<(language: string, topic: string) => string> = [
  (l, t) => `Write a ${l} function that takes a list of integers and returns the three largest distinct values, using ${t}; return fewer when the list has fewer.`,
  (l, t) => `Write a ${l} program that reads a text file of names, one per line, and prints each name with the number of times it appears, applying ${t}.`,
  (l, t) => `Implement a ${l} class for a bank account with deposit, withdraw and balance methods that raises an error on overdraft, and use ${t} in its design.`,
  (l, t) => `Write a ${l} function that checks whether a string is a palindrome, ignoring case, spaces and punctuation, and show how ${t} helps.`,
  (l, t) => `Using ${t}, write a ${l} function that merges two sorted lists into one sorted list without calling a sort function.`,
  (l, t) => `Write a ${l} script that parses dates written as day/month/year from a list of strings, skips invalid ones with a warning, and relies on ${t}.`,
  (l, t) => `Write a ${l} function that groups a list of words by their first letter into a dictionary of lists, using ${t}.`,
  (l, t) => `Using ${t}, write a ${l} program that finds the shortest path between two cells of a grid read from standard input, where # marks a wall.`,
];

/** Requests to write a text of a kind `k` about a subject `s`. */
export const writingRequestShapes: ReadonlyArray<(kind: string, subject: string) => string> = [
  (k, s) => `Write a ${k} about ${s} for a friend who has never experienced it.`,
  (k, s) => `Could you write a ${k} about ${s} that I can read aloud at a family gathering?`,
  (k, s) => `Please write a light-hearted ${k} about ${s} for our community newsletter.`,
  (k, s) => `I need a ${k} about ${s} that captures how it feels the very first time.`,
  (k, s) => `Write a thoughtful ${k} about ${s} from the point of view of someone who is sceptical about it.`,
  (k, s) => `Write a short ${k} about ${s} aimed at teenagers.`,
  (k, s) => `Can you write a ${k} about ${s} that ends on a hopeful note?`,
  (k, s) => `Write a ${k} about ${s} in plain language for readers learning English.`,
];

/** Requirements added to a writing request `r` (a whole sentence, ending in punctuation). */
export const writingRequirementShapes: ReadonlyArray<(request: string) => string> = [
  (r) => `${r} Keep it under 250 words and use a warm, personal tone.`,
  (r) => `${r} Structure it in three parts: a vivid opening, a turning point and a quiet ending.`,
  (r) => `${r} Write for readers aged about twelve, and include at least two concrete sensory details.`,
  (r) => `${r} Use the second person throughout and end with a question to the reader.`,
  (r) => `${r} Make it formal in register, no longer than four paragraphs, and avoid clichés.`,
  (r) => `${r} Include one surprising fact and one short quotation, and give it a title.`,
  (r) => `${r} Write it as a series of short diary entries over one week.`,
  (r) => `${r} Keep sentences short, avoid jargon, and finish with a one-line summary.`,
];

/** Closed-QA instructions about a document whose title (or main phrase) is `t`. */
export const closedQAShapes: ReadonlyArray<(title: string, fact: string) => string> = [
  (t) => `Summarise the document about ${t} in three sentences for someone who has not read it.`,
  (_t, f) => `According to the document, what is said about ${f}?`,
  (t) => `List every number the document about ${t} gives, with what each one measures.`,
  (t) => `Explain, using only the document, the main advice it gives about ${t}.`,
  (_t, f) => `Based on the document, why does ${f} matter?`,
  (t) => `Write a short paragraph in the style of the document about ${t}, aimed at a newcomer.`,
  (t) => `What rules or conditions does the document about ${t} describe?`,
  (t) => `Turn the document about ${t} into a checklist of at most five items.`,
];
