/**
 * Imported first by server.ts: a server started without NODE_ENV (`node build/server/server.js`
 * from a service manager) runs as production, as its configuration already assumes
 * (app/env.server.ts), and so loads React's production builds rather than the development ones,
 * which are several times slower at rendering.
 */
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

export {};
