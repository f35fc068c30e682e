/**
 * The arguments an ICU message takes, computed from its text at the type level, so that
 * `t('tickets.deviceCount', { count })` fails the type check when a placeholder is missing, misspelt or of the
 * wrong kind. Covers what the catalogues use: `{name}`, `{n, number}`, `{d, date, short}`,
 * `{n, plural, one {…} other {…}}`, `{n, selectordinal, …}` and `{x, select, a {…} other {…}}`, nested.
 * Quoting with apostrophes is not modelled: write ’ in text, never a literal brace.
 */

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

/** What a value of each kind of argument may be. */
interface ArgValue {
  plain: string | number;
  number: number;
  plural: number;
  selectordinal: number;
  select: string;
  date: Date | number;
  time: Date | number;
}
type Kind = keyof ArgValue;
type KindOf<Type extends string> = Trim<Type> extends Kind ? Trim<Type> : 'plain';

/** A found argument: its name and kind. */
type Arg = [name: string, kind: Kind];

/** The first brace of S: which one, and the text after it. */
type NextBrace<S extends string> = S extends `${infer Before}{${infer After}`
  ? Before extends `${string}}${infer AfterClose}`
    ? ['}', `${AfterClose}{${After}`]
    : ['{', After]
  : S extends `${string}}${infer AfterClose}`
    ? ['}', AfterClose]
    : ['end', ''];

/** Modes of the walk: message text, or an argument's options (`one {…} other {…}`). */
type Mode = 'text' | 'options';

/** Reads `{name…` after the brace: a plain or formatted argument, or one with options. */
type ReadArg<S extends string, Stack extends Mode[], Found extends Arg> =
  S extends `${infer Name},${infer Rest}`
    ? Name extends `${string}}${string}`
      ? ReadPlain<S, Stack, Found>
      : Rest extends `${infer Type},${infer Options}`
        ? Type extends `${string}}${string}`
          ? ReadFormatted<Trim<Name>, Rest, Stack, Found>
          : Trim<Type> extends 'plural' | 'select' | 'selectordinal'
            ? Walk<Options, [...Stack, 'options'], Found | [Trim<Name>, KindOf<Type>]>
            : SkipStyle<Options, Stack, Found | [Trim<Name>, KindOf<Type>]>
        : ReadFormatted<Trim<Name>, Rest, Stack, Found>
    : ReadPlain<S, Stack, Found>;

type ReadPlain<S extends string, Stack extends Mode[], Found extends Arg> = S extends `${infer Name}}${infer Rest}` ? Walk<Rest, Stack, Found | [Trim<Name>, 'plain']> : Found;
type ReadFormatted<Name extends string, S extends string, Stack extends Mode[], Found extends Arg> = S extends `${infer Type}}${infer Rest}` ? Walk<Rest, Stack, Found | [Name, KindOf<Type>]> : Found;
/** `{d, date, short}`: the style runs to the closing brace. */
type SkipStyle<S extends string, Stack extends Mode[], Found extends Arg> = S extends `${string}}${infer Rest}` ? Walk<Rest, Stack, Found> : Found;

type Walk<S extends string, Stack extends Mode[], Found extends Arg> =
  Stack extends [...infer Below extends Mode[], infer Top]
    ? NextBrace<S> extends [infer Brace, infer Rest extends string]
      ? Top extends 'text'
        ? Brace extends '{'
          ? ReadArg<Rest, Stack, Found>
          : Brace extends '}'
            ? Walk<Rest, Below, Found> // end of an option's text: back to the options
            : Found
        : Brace extends '{'
          ? Walk<Rest, [...Stack, 'text'], Found> // an option's text
          : Brace extends '}'
            ? Walk<Rest, Below, Found> // end of the argument
            : Found
      : Found
    : Found;

type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Each use's value type, boxed so that a union such as `string | number` is not split apart. */
type Boxed<F> = F extends [string, infer K extends Kind] ? [ArgValue[K]] : never;
/** An argument used twice (`{n, plural, … {{n} items}}`) must suit both uses. */
type Unbox<B> = B extends readonly [unknown] ? B[0] : never;
type Merge<Found extends Arg> = { [A in Found as A[0]]: Unbox<Intersect<Boxed<Extract<Found, [A[0], Kind]>>>> };

/** `{ count: number; name: string | number }` for a message's arguments; `{}` when it has none. */
export type MessageArgs<Message extends string> = string extends Message ? Record<string, unknown> : Merge<Walk<Message, ['text'], never>>;
