// Set once React has hydrated the server-rendered document. Lets components tell the first
// (server-rendered) render from later client-side renders without a hydration mismatch.
let hydrated = false;

export function markHydrated(): void {
  hydrated = true;
  // Observable from outside too (browser tests wait for it before clicking or checking a page).
  document.documentElement.dataset.hydrated = "true";
}

export function isHydrated(): boolean {
  return hydrated;
}
