import type { LinksFunction } from "@remix-run/node";
import taxpayerStyles from "~/components/taxpayer/taxpayer.css";

/** The stylesheet of the taxpayer dossier and certificate pages, for their `links`. */
export const taxpayerLinks: LinksFunction = () => [{ rel: "stylesheet", href: taxpayerStyles }];
