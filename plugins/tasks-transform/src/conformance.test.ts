import { describeTaskConformance } from '@synthkit/testkit/conformance';
import { z } from 'zod';
import plugin from './index';

// Every task of the plugin passes the task conformance kit, on a record with a text field and a good
// answer for it; hostile answers must not crash any of them. Tasks whose options change what they
// call or parse run in each form.
const text = 'Volcanoes erupt when pressure from gas-rich magma forces it up through cracks in the crust.';
const personSchema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
const cases: Array<{ name: keyof typeof plugin.tasks; label?: string; options?: unknown; input?: Record<string, string>; answer: string }> = [
  { name: 'prompt', answer: 'Magma under pressure forces its way up.' },
  { name: 'prompt', label: 'prompt (json, schema)', options: { schema: personSchema, n: 2 }, answer: '{"name": "Ada"}' },
  { name: 'prompt', label: 'prompt (zod schema)', options: { schema: z.object({ name: z.string() }), output: 'person' }, answer: '{"name": "Ada"}' },
  { name: 'prompt', label: 'prompt (json, any object)', options: { format: 'json' }, answer: '{"summary": "Magma rises."}' },
  { name: 'paraphrase', options: { n: 2 }, answer: 'Gas-laden magma under pressure pushes up through fissures, and a volcano erupts.' },
  { name: 'style-transfer', options: { tone: 'playful', register: 'casual' }, answer: 'Magma gets fizzy, pushy, and — boom — out it comes!' },
  { name: 'simplify', answer: 'Hot melted rock with gas in it pushes up through cracks. Then the volcano erupts.' },
  { name: 'translate', options: { languages: ['French', 'German'] }, answer: 'Les volcans entrent en éruption quand…' },
  { name: 'explain', answer: 'Magma holds dissolved gas. As it rises, the gas expands…' },
  {
    name: 'explain',
    label: 'explain (answer_field)',
    options: { answer_field: 'answer' },
    input: { text: 'Why do volcanoes erupt?', answer: 'Gas pressure in magma.' },
    answer: 'Start from what magma is…',
  },
  { name: 'add-context', input: { text: 'Why is the Krakatoa eruption famous?' }, answer: 'Krakatoa is a volcanic island in Indonesia…' },
  { name: 'extract', options: { schema: personSchema }, answer: '{"name": "Ada"}' },
  { name: 'educational-text', answer: 'A volcano is an opening in the Earth\'s crust…' },
];

for (const { name, label, options, input, answer } of cases) {
  describeTaskConformance({
    name: `transform:${label ?? name}`,
    task: plugin.tasks[name],
    options: options ?? {},
    input: input ?? { text },
    answers: { generator: answer },
  });
}
