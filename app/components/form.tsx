// The portal's form fields in bootstrap-italia's markup, so that every form says the same thing to a
// screen reader: a label tied to its control, the hint and the error named by aria-describedby (hint
// first), `is-invalid` and aria-invalid on a field in error, the message repeated under the field
// and listed, with a link to it, in the summary at the top of the form.
import type {
  InputHTMLAttributes,
  MouseEvent,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { useServerText } from "~/i18n/react";

/** aria-describedby from the ids that are present, in order; undefined when none is. */
export function describedBy(...ids: ReadonlyArray<string | false | null | undefined>): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length ? present.join(" ") : undefined;
}

/**
 * The state of a control laid out by hand, e.g. two fields that share one message below them:
 * `form-control` (plus `is-invalid`), aria-invalid and aria-describedby. Spread it after the id.
 */
export function controlProps(
  invalid: boolean,
  ...described: ReadonlyArray<string | false | null | undefined>
) {
  return {
    className: invalid ? "form-control is-invalid" : "form-control",
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy(...described),
  } as const;
}

/** What every field shares: its id, label, hint and error, and the ids these get. */
interface FieldFrame {
  id: string;
  label: ReactNode;
  /**
   * The Italian message of what is wrong (shown in the page's language when "validation" has it);
   * nothing when the field is fine.
   */
  error?: string | null;
  hint?: ReactNode;
  /** `${id}-errore` unless the page has always used another id. */
  errorId?: string;
  /** `${id}-aiuto` unless the page has always used another id. */
  hintId?: string;
  /** The wrapper's classes: "form-group" unless given. */
  wrapperClassName?: string;
  /** The label's classes: "active" (bootstrap-italia's floating label kept up) unless given. */
  labelClassName?: string;
  /** On search forms the hint gives way to the error instead of staying above it. */
  hintReplacedByError?: boolean;
  /** The error is announced as soon as it appears (forms answered without a page load). */
  errorRole?: "alert";
}

function ids(frame: FieldFrame) {
  const errorId = frame.errorId ?? `${frame.id}-errore`;
  const hintId = frame.hintId ?? `${frame.id}-aiuto`;
  const invalid = Boolean(frame.error);
  const hintShown = frame.hint !== undefined && !(invalid && frame.hintReplacedByError);
  return { errorId, hintId, invalid, hintShown };
}

/** The attributes of a control in error or not: classes, aria-invalid and aria-describedby. */
function controlState(frame: FieldFrame, baseClass: string | undefined) {
  const { errorId, hintId, invalid, hintShown } = ids(frame);
  return {
    className: describedBy(baseClass, invalid && "is-invalid"),
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy(hintShown && hintId, invalid && errorId),
  } as const;
}

function Hint({ frame }: { frame: FieldFrame }) {
  const { hintId, hintShown } = ids(frame);
  if (!hintShown) return null;
  return (
    <small id={hintId} className="form-text">
      {frame.hint}
    </small>
  );
}

/** The message under a field (or a group of fields), named by their aria-describedby. */
export function FieldError({
  id,
  message,
  role,
  className,
}: {
  /** The message's own id. */
  id: string;
  message: string | null | undefined;
  role?: "alert";
  className?: string;
}) {
  const serverText = useServerText();
  if (!message) return null;
  return (
    <div id={id} className={describedBy("invalid-feedback d-block", className)} role={role}>
      {serverText(message)}
    </div>
  );
}

function Frame({ frame, children }: { frame: FieldFrame; children: ReactNode }) {
  const { errorId } = ids(frame);
  return (
    <div className={frame.wrapperClassName ?? "form-group"}>
      <label htmlFor={frame.id} className={(frame.labelClassName ?? "active") || undefined}>
        {frame.label}
      </label>
      {children}
      <Hint frame={frame} />
      <FieldError id={errorId} message={frame.error} role={frame.errorRole} />
    </div>
  );
}

type Own = keyof FieldFrame | "className" | "aria-invalid" | "aria-describedby";

function frameOf<T extends FieldFrame>(props: T): [FieldFrame, Omit<T, keyof FieldFrame>] {
  const {
    id,
    label,
    error,
    hint,
    errorId,
    hintId,
    wrapperClassName,
    labelClassName,
    hintReplacedByError,
    errorRole,
    ...rest
  } = props;
  return [
    {
      id,
      label,
      error,
      hint,
      errorId,
      hintId,
      wrapperClassName,
      labelClassName,
      hintReplacedByError,
      errorRole,
    },
    rest,
  ];
}

/** A labelled input (text, email, date, file…) with its hint and error. `name` defaults to the id. */
export function TextField(props: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, Own | "id">) {
  const [frame, { name, type = "text", ...input }] = frameOf(props);
  return (
    <Frame frame={frame}>
      <input
        id={frame.id}
        name={name ?? frame.id}
        type={type}
        {...input}
        {...controlState(frame, "form-control")}
      />
    </Frame>
  );
}

/** A labelled textarea with its hint and error. `name` defaults to the id. */
export function Textarea(props: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Own | "id">) {
  const [frame, { name, ...textarea }] = frameOf(props);
  return (
    <Frame frame={frame}>
      <textarea
        id={frame.id}
        name={name ?? frame.id}
        {...textarea}
        {...controlState(frame, "form-control")}
      />
    </Frame>
  );
}

/**
 * A labelled select in bootstrap-italia's `select-wrapper` (the wrapper's extra classes in
 * `wrapperClassName`, e.g. "mb-4"), with its hint and error. `name` defaults to the id.
 */
export function SelectField(
  props: FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, Own | "id"> & { children: ReactNode },
) {
  const [frame, { name, children, ...select }] = frameOf(props);
  const wrapped: FieldFrame = {
    ...frame,
    wrapperClassName: describedBy("select-wrapper", frame.wrapperClassName),
    labelClassName: frame.labelClassName ?? "",
  };
  const state = controlState(wrapped, undefined);
  return (
    <Frame frame={wrapped}>
      <select id={frame.id} name={name ?? frame.id} {...select} {...state}>
        {children}
      </select>
    </Frame>
  );
}

/**
 * A group of radio buttons in a fieldset: the legend names the group, the error follows the
 * legend and the fieldset names it, the first option carries aria-invalid; each option may have a
 * hint of its own.
 */
export function RadioGroup({
  name,
  legend,
  legendClassName,
  options,
  defaultValue,
  error,
  errorId = `${name}-errore`,
  idPrefix = name,
  className,
}: {
  name: string;
  /** The options' ids are `${idPrefix}-${value}`. */
  idPrefix?: string;
  legend: ReactNode;
  legendClassName?: string;
  options: ReadonlyArray<{ value: string; label: ReactNode; hint?: ReactNode }>;
  defaultValue?: string;
  error?: string | null;
  errorId?: string;
  className?: string;
}) {
  return (
    <fieldset className={className} aria-describedby={error ? errorId : undefined}>
      <legend className={legendClassName}>{legend}</legend>
      <FieldError id={errorId} message={error} />
      {options.map((option, i) => {
        const id = `${idPrefix}-${option.value}`;
        return (
          <div className="form-check" key={option.value}>
            <input
              className="form-check-input"
              type="radio"
              name={name}
              id={id}
              value={option.value}
              defaultChecked={option.value === defaultValue}
              aria-invalid={i === 0 && error ? true : undefined}
              aria-describedby={option.hint !== undefined ? `${id}-hint` : undefined}
            />
            <label className="form-check-label" htmlFor={id}>
              {option.label}
            </label>
            {option.hint !== undefined ? (
              <p className="small mb-2 ms-5" id={`${id}-hint`}>
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * Moves to the field in place: following the link would change the URL's hash, which the router
 * takes for a navigation that forgets the form's result (the messages would vanish). Without
 * JavaScript the link works as a plain anchor.
 */
function focusField(id: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  };
}

/**
 * The list of what is wrong in a form, at its top: each message links to its field (the same
 * message is repeated under the field), so that a keyboard or screen reader user reaches it. The
 * title and the messages may be the server's Italian texts: they are shown in the page's language
 * when the "validation" namespace translates them.
 */
export function ErrorSummary({
  title,
  items,
  id = "riepilogo-errori",
}: {
  title: string;
  items: ReadonlyArray<{ field: string | null; message: string }>;
  id?: string;
}) {
  const serverText = useServerText();
  return (
    <div className="alert alert-danger" role="alert" id={id} aria-labelledby={`${id}-titolo`}>
      <h2 id={`${id}-titolo`} className="h5">
        {serverText(title)}
      </h2>
      {items.length ? (
        <ul className="mb-0">
          {items.map((item, i) => (
            <li key={`${item.field ?? "form"}-${i}`}>
              {item.field ? (
                <a href={`#${item.field}`} onClick={focusField(item.field)}>
                  {serverText(item.message)}
                </a>
              ) : (
                serverText(item.message)
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
