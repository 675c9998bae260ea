import { TemplateError, type PromptTemplateV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { renderPromptTemplate } from './render-prompt-template';

function template(fields: { system?: string; user: string }): PromptTemplateV1 {
  return { specificationVersion: 'v1', name: 'questions', variables: [], ...fields };
}

describe('renderPromptTemplate', () => {
  it('renders a system message, then the user message', () => {
    const messages = renderPromptTemplate(
      template({ system: 'You are a {role}.', user: 'Write {n} questions about {topic}.' }),
      { role: 'teacher', n: 3, topic: 'tides' },
    );
    expect(messages).toEqual([
      { role: 'system', content: 'You are a teacher.' },
      { role: 'user', content: 'Write 3 questions about tides.' },
    ]);
  });

  it('sends only the user message when the system text is absent or empty', () => {
    expect(renderPromptTemplate(template({ user: 'Hi {name}' }), { name: 'Ada' })).toEqual([
      { role: 'user', content: 'Hi Ada' },
    ]);
    expect(renderPromptTemplate(template({ system: '', user: 'Hi' }), {})).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('keeps a system message whose text renders empty, so the request shape does not depend on the data', () => {
    expect(renderPromptTemplate(template({ system: '{persona}', user: 'Hi' }), { persona: null })).toEqual([
      { role: 'system', content: '' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('says which text a missing variable belongs to', () => {
    expect(() => renderPromptTemplate(template({ system: 'Be {tone}.', user: 'Hi' }), {})).toThrow(
      'Template "questions": no value for placeholder {tone} in the system text. Supplied variables: none.',
    );
  });

  it('reports a malformed system text with its field', () => {
    let caught: unknown;
    try {
      renderPromptTemplate(template({ system: 'Be {tone', user: 'Hi' }), { tone: 'kind' });
    } catch (error) {
      caught = error;
    }
    expect(TemplateError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain('unclosed "{" at line 1, column 4 (offset 3) of the system text');
  });

  it('renders the same template object many times with different values', () => {
    const shared = template({ user: '{i}' });
    const rendered = Array.from({ length: 5 }, (_, index) => renderPromptTemplate(shared, { i: index })[0]?.content);
    expect(rendered).toEqual(['0', '1', '2', '3', '4']);
  });
});
