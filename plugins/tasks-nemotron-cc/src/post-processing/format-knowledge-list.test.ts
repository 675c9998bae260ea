import { describe, expect, it } from 'vitest';
import { formatKnowledgeList } from './format-knowledge-list';

describe('formatKnowledgeList', () => {
  it('skips a first line that is not a bullet, and removes bullets and continuation indents', () => {
    expect(formatKnowledgeList('Key facts about tides:\n- Tides rise twice a day.\n  The moon causes them.\n- Spring tides are higher.')).toBe(
      'Tides rise twice a day.\nThe moon causes them.\nSpring tides are higher.',
    );
  });

  it('keeps every item when every line is a bullet', () => {
    expect(formatKnowledgeList('- One\n- Two\n- Three')).toBe('One\nTwo\nThree');
  });

  it('leaves nothing of a single line without a bullet', () => {
    expect(formatKnowledgeList('Just a sentence without any bullet.')).toBe('');
  });

  it('keeps lines with other indentation as they are, and only skips the first line', () => {
    expect(formatKnowledgeList('- Bullet one\nLoose text\n  Indented line\n- Bullet two\n  Continued\nAnother loose line\n   three spaces')).toBe(
      'Bullet one\nLoose text\nIndented line\nBullet two\nContinued\nAnother loose line\nthree spaces',
    );
    expect(formatKnowledgeList('-Tight bullet\n*Star')).toBe('-Tight bullet\n*Star');
  });

  it('gives an empty text for an empty text', () => {
    expect(formatKnowledgeList('')).toBe('');
  });
});
