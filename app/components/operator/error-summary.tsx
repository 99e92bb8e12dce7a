/**
 * The list of what is wrong in a form, at its top: each message links to its field (the same
 * message is repeated under the field), so that a keyboard or screen reader user reaches it.
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
  return (
    <div className="alert alert-danger" role="alert" id={id} aria-labelledby={`${id}-titolo`}>
      <h2 id={`${id}-titolo`} className="h5">
        {title}
      </h2>
      {items.length ? (
        <ul className="mb-0">
          {items.map((item, i) => (
            <li key={`${item.field ?? "form"}-${i}`}>
              {item.field ? <a href={`#${item.field}`}>{item.message}</a> : item.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The message under a field, referenced by the field's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={`${id}-errore`} className="invalid-feedback d-block">
      {message}
    </div>
  );
}
