import { Link, useLocation } from "@remix-run/react";
import type { OperatorRole } from "../../../db/schema";

interface NavItem {
  label: string;
  to: string;
}

/** The operator area's menu: only what the operator's roles open. */
export function operatorNavItems(roles: readonly OperatorRole[]): NavItem[] {
  const items: NavItem[] = [{ label: "Home operatore", to: "/operatore" }];
  if (roles.some((r) => r === "anagrafe" || r === "tributi" || r === "pagamenti"))
    items.push({ label: "Cerca una persona", to: "/operatore/cittadini" });
  if (roles.some((r) => r === "anagrafe" || r === "tributi"))
    items.push({ label: "Pratiche", to: "/operatore/pratiche" });
  if (roles.includes("pagamenti")) {
    items.push({ label: "Posizioni debitorie", to: "/operatore/posizioni" });
    items.push({ label: "Riconciliazione", to: "/operatore/riconciliazione" });
  }
  if (roles.includes("auditor"))
    items.push({ label: "Registro degli accessi", to: "/operatore/registro-accessi" });
  if (roles.includes("admin")) {
    items.push({ label: "Gestione dell'ente", to: "/operatore/ente" });
    items.push({ label: "Valutazioni delle pagine", to: "/operatore/valutazioni" });
    items.push({ label: "Posta in uscita", to: "/operatore/posta" });
  }
  return items;
}

function currentFor(to: string, pathname: string): "page" | "true" | undefined {
  const path = pathname.replace(/\/+$/, "");
  if (path === to) return "page";
  if (to !== "/operatore" && path.startsWith(`${to}/`)) return "true";
  return undefined;
}

/**
 * Plain links with the default `prefetch="none"`: nothing under /operatore is fetched before the
 * operator asks for it, so no view is logged that nobody made.
 */
export function OperatorNav({ roles }: { roles: readonly OperatorRole[] }) {
  const { pathname } = useLocation();
  return (
    <nav className="portal-operator-nav" aria-label="Area operatore">
      <ul>
        {operatorNavItems(roles).map((item) => (
          <li key={item.to}>
            <Link to={item.to} prefetch="none" aria-current={currentFor(item.to, pathname)}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
