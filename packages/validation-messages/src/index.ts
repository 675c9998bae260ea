export { didYouMean } from './did-you-mean';
export { issueSentence } from './issue-sentence';
export { zodIssues } from './zod-issues';
