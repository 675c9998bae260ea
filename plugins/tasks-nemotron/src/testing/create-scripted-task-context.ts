import type {
  ChatMessage,
  GenerationParams,
  JsonRecord,
  JsonValue,
  LanguageModelV1,
  PromptTemplateV1,
  TaskContextV1,
  TaskGenerateRequestV1,
  TaskGenerateResultV1,
} from '@synthkit/core';

/** One scripted model answer. `role` and `template`, when given, must match the call that consumes it. */
export interface ScriptedResponse {
  readonly role?: string;
  readonly template?: string;
  readonly text: string;
}

/** A `generate` call as the test double saw it, with the messages it rendered. */
export interface RecordedGenerateCall {
  readonly role: string;
  readonly template: string;
  readonly variables: Readonly<Record<string, JsonValue>>;
  readonly defaults: GenerationParams | undefined;
  readonly params: GenerationParams | undefined;
  readonly messages: ChatMessage[];
}

/** A `reject` call. */
export interface RecordedReject {
  readonly reason: string;
  readonly details: JsonRecord | undefined;
}

/** A task context that answers from a script and records what the task did. */
export interface ScriptedTaskContext<Options> extends TaskContextV1<Options> {
  /** Every `generate` call, in order. */
  readonly calls: RecordedGenerateCall[];
  /** Every `reject` call, in order. */
  readonly rejects: RecordedReject[];
  /** Scripted responses not consumed yet. */
  readonly remainingResponses: () => number;
}

/**
 * Test double of the engine's `TaskContextV1`: `render` fills `{name}` placeholders (with `{{`/`}}`
 * as literal braces) and fails on a placeholder it has no value for, like the engine; `generate`
 * renders the template, then answers with the next scripted response. Strings fill placeholders
 * as they are; other values are JSON-encoded.
 */
export function createScriptedTaskContext<Options>({
  options,
  templates,
  script,
}: {
  options: Options;
  templates: Readonly<Record<string, PromptTemplateV1>>;
  script: ReadonlyArray<ScriptedResponse>;
}): ScriptedTaskContext<Options> {
  const pending = [...script];
  const calls: RecordedGenerateCall[] = [];
  const rejects: RecordedReject[] = [];
  let seed = 42;

  const render = (name: string, variables: Readonly<Record<string, JsonValue>>): ChatMessage[] => {
    const template = templates[name];
    if (template === undefined) throw new Error(`Scripted context: unknown template "${name}".`);
    const messages: ChatMessage[] = [];
    if (template.system !== undefined) messages.push({ role: 'system', content: fillPlaceholders(template.system, variables, name) });
    messages.push({ role: 'user', content: fillPlaceholders(template.user, variables, name) });
    return messages;
  };

  const generate = async (request: TaskGenerateRequestV1): Promise<TaskGenerateResultV1> => {
    const messages = render(request.template, request.variables);
    calls.push({
      role: request.role,
      template: request.template,
      variables: request.variables,
      defaults: request.defaults,
      params: request.params,
      messages,
    });
    const response = pending.shift();
    const where = `call ${calls.length} (role "${request.role}", template "${request.template}")`;
    if (response === undefined) throw new Error(`Scripted context: no scripted response left for ${where}.`);
    if (response.role !== undefined && response.role !== request.role) {
      throw new Error(`Scripted context: ${where} was scripted for role "${response.role}".`);
    }
    if (response.template !== undefined && response.template !== request.template) {
      throw new Error(`Scripted context: ${where} was scripted for template "${response.template}".`);
    }
    return { text: response.text, texts: [response.text] };
  };

  return {
    options,
    signal: new AbortController().signal,
    random: () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    },
    render,
    generate,
    model: (role: string): LanguageModelV1 => {
      throw new Error(`Scripted context: model("${role}") is not available; use generate.`);
    },
    reject: (reason: string, details?: JsonRecord) => {
      rejects.push({ reason, details });
    },
    calls,
    rejects,
    remainingResponses: () => pending.length,
  };
}

// --- Internal helpers ---

/** Replaces `{name}` with its value, `{{` and `}}` with single braces. */
function fillPlaceholders(text: string, variables: Readonly<Record<string, JsonValue>>, templateName: string): string {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return match[0] ?? '';
    const value = variables[name];
    if (value === undefined) throw new Error(`Scripted context: template "${templateName}" uses {${name}}, which was not supplied.`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
