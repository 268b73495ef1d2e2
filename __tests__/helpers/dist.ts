// The end-to-end tests run the bundles in dist/; jest's globalSetup (scripts/jest-global-setup.mjs) found
// out whether they are older than src/. Each way of running a bundle calls this first.

/** Throws the globalSetup's sentence when dist/ is older than src/, so the test fails at once, saying why. */
export function assertFreshDist(): void {
  const stale = process.env.MPC_TESTS_STALE_DIST
  if (stale) throw new Error(stale)
}
