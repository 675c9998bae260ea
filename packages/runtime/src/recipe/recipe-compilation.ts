import { formatIssuePath, type ValidationIssue } from '@synthkit/core';
import { didYouMean, zodIssues } from '@synthkit/validation-messages';
import type { z } from 'zod';
import { parseReference, type Registry } from '../registry/create-registry';
import { describeCreationError, ProviderCache } from './provider-cache';
import { defaultStageConcurrency, type RecipeDocument } from './recipe-schema';

/** Command-line overrides applied while compiling. */
export interface RecipeOverrides {
  /** `provider:modelId` used for every language-model role of every stage (`--model`). */
  readonly model?: string;
  /**
   * `provider:modelId` used for every reward and embedding role of every stage (`--mock` sets it to
   * the mock's). `--model` leaves those roles alone: a chat model is no reward model.
   */
  readonly scoringModel?: string;
  /** The request window (ceiling) of every endpoint (`--concurrency`), over the recipe's `endpoints`. */
  readonly concurrency?: number;
}

/**
 * What the stage compilers share while one recipe is compiled: the recipe, the plugins, the issues
 * found so far, and what earlier stages told about later ones (the fields they produce, the model
 * roles they declare). Every check adds issues instead of throwing, so one pass reports them all.
 */
export class RecipeCompilation {
  readonly issues: ValidationIssue[] = [];
  readonly providers: ProviderCache;
  /** Fields produced by the stages compiled so far. */
  readonly producedFields = new Set<string>();
  /** Model roles of every task in the recipe, to catch typos in the top-level `models` and `params`. */
  readonly declaredRoles = new Set<string>();
  /** False once a stage's task is unknown: its roles are too, so role checks are skipped. */
  rolesKnown = true;
  /** False once a stage's output fields are unknown (an unreadable source, an unknown task): field-flow checks stop. */
  upstreamFieldsKnown = true;
  /**
   * Where the seed fields in `producedFields` come from, for messages: the seed file and which of
   * its records were read (`its records`, `its first 100 records`); undefined without a readable source.
   */
  seedFields: { readonly file: string; readonly description: string } | undefined;

  constructor(
    readonly document: RecipeDocument,
    readonly registry: Registry,
    /** Directory of the recipe file; seed paths resolve from it. */
    readonly directory: string,
    readonly overrides: RecipeOverrides,
    credentials: 'required' | 'deferred' = 'required',
  ) {
    this.providers = new ProviderCache(document, registry, this.issues, credentials);
  }

  private chosenModel: { readonly reference: string; readonly reason: string } | null | undefined;

  /**
   * The model for roles the recipe gives none (no `--model` either): the available default model
   * of the loaded provider with the lowest priority (`ProviderDefinitionV1.defaultModel`), chosen
   * once; undefined when no provider offers one here.
   */
  automaticModel(): { readonly reference: string; readonly reason: string } | undefined {
    if (this.chosenModel === undefined) {
      this.chosenModel = null;
      const candidates = this.registry
        .list('providers')
        .flatMap(({ reference, item }) => (item.defaultModel == null ? [] : [{ reference, offer: item.defaultModel }]))
        .sort((first, second) => first.offer.priority - second.offer.priority);
      for (const { reference, offer } of candidates) {
        const availability = offer.available();
        if (availability == null) continue;
        const { reason, modelId } = typeof availability === 'string' ? { reason: availability, modelId: offer.modelId } : availability;
        // An offer that names no model at all is a plugin bug; skip it rather than use `<provider>:undefined`.
        if (modelId == null || modelId === '') continue;
        this.chosenModel = { reference: `${reference}:${modelId}`, reason };
        break;
      }
    }
    return this.chosenModel ?? undefined;
  }

  /** True once a role was given the automatic model. */
  usedAutomaticModel = false;

  /**
   * Why a stage cannot read `field` (it is in no record that reaches the stage), or undefined when
   * it can or when the fields are not known: what the earlier stages produce, and the closest field.
   */
  missingField(field: string): string | undefined {
    if (!this.upstreamFieldsKnown || this.producedFields.has(field)) return undefined;
    const produced = [...this.producedFields];
    const seeds = this.seedFields == null ? '' : ` (the seed fields are those ${this.seedFields.description} have, in ${this.seedFields.file})`;
    return `no earlier stage produces it; the records that reach it have: ${produced.join(', ') || 'no fields'}${seeds}.${didYouMean(field, produced)}`;
  }

  report(path: ReadonlyArray<PropertyKey>, message: string): void {
    this.issues.push({ path: formatIssuePath(path), message });
  }

  /** Parses a stage with its schema; reports the issues and returns undefined when it does not fit. */
  parse<Output>(schema: z.ZodType<Output>, value: unknown, path: ReadonlyArray<PropertyKey>): Output | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    this.issues.push(...zodIssues(result.error, path, schema, value));
    return undefined;
  }

  /** Finds a task, filter or modifier by reference; reports the error (with what exists) when there is none. */
  lookup<Collection extends 'tasks' | 'filters' | 'modifiers'>(collection: Collection, reference: string, path: ReadonlyArray<PropertyKey>) {
    try {
      return this.registry.get(collection, reference);
    } catch (error) {
      this.report(path, (error as Error).message);
      return undefined;
    }
  }

  /** Parses an item's options (absent options are `{}`, so defaults apply). */
  parseOptions(schema: z.ZodType, options: unknown, path: ReadonlyArray<PropertyKey>): { valid: true; value: unknown } | { valid: false } {
    const result = schema.safeParse(options ?? {});
    if (result.success) return { valid: true, value: result.data };
    this.issues.push(...zodIssues(result.error, path, schema, options ?? {}));
    return { valid: false };
  }

  /** Calls a plugin's factory; reports what it threw. */
  construct<Item>(create: () => Item, path: ReadonlyArray<PropertyKey>): { readonly value: Item } | undefined {
    try {
      return { value: create() };
    } catch (error) {
      this.report(path, describeCreationError(error));
      return undefined;
    }
  }

  /** Records in flight for a stage without model calls, unless the stage or recipe says. */
  stageConcurrency(stage: number | undefined): number {
    return stage ?? this.document.concurrency ?? defaultStageConcurrency;
  }
}

/** The item part of a reference: `subtopics` for `nemotron:subtopics`, the default stage name. */
export function itemName(reference: string): string {
  return parseReference(reference)?.name ?? reference;
}
