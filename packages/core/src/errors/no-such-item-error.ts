import { SynthkitError } from './synthkit-error';

const name = 'SYNTHKIT_NoSuchItemError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/** The kinds of item a plugin can contribute, as named in messages and `synthkit <kind> list`. */
export type PluginItemKind =
  | 'provider'
  | 'task'
  | 'filter'
  | 'modifier'
  | 'formatter'
  | 'dataset'
  | 'executor'
  | 'template';

/** A `namespace:item` reference names nothing that the loaded plugins provide. */
export class NoSuchItemError extends SynthkitError {
  private readonly [symbol] = true;

  readonly kind: PluginItemKind;
  /** The reference as written, e.g. `nemotron:subtopics`. */
  readonly reference: string;
  /** Every reference of this kind that does exist, so the message can suggest one. */
  readonly available: ReadonlyArray<string>;

  constructor({
    kind,
    reference,
    available,
    hint,
  }: {
    kind: PluginItemKind;
    reference: string;
    available: ReadonlyArray<string>;
    hint?: string;
  }) {
    const list = available.length === 0 ? 'none are loaded' : available.join(', ');
    super({
      name,
      message: `Unknown ${kind} "${reference}". Available ${kind}s: ${list}.${hint == null ? '' : ` ${hint}`}`,
    });
    this.kind = kind;
    this.reference = reference;
    this.available = available;
  }

  static override isInstance(error: unknown): error is NoSuchItemError {
    return SynthkitError.hasMarker(error, marker);
  }
}
