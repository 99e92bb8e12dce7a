/** The first focusable elements of every page. Targets: <main id="main-content"> and the footer. */
export function Skiplinks() {
  return (
    <div className="skiplinks">
      <a className="visually-hidden-focusable" href="#main-content">
        Vai al contenuto principale
      </a>
      <a className="visually-hidden-focusable" href="#footer">
        Vai al piè di pagina
      </a>
    </div>
  );
}
