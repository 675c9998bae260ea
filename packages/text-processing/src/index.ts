export { joinGreedily, type GreedyJoinGroup, type GreedyJoinOptions, type GreedyJoinPiece } from './join-greedily';
export { removeLines, type RemoveLinesOptions } from './remove-lines';
export { removeMarkdown } from './remove-markdown';
export { removeSurroundingQuotes } from './remove-surrounding-quotes';
export { sliceText, type SliceTextOptions } from './slice-text';
