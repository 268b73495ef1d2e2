// Kept equal to package.json's version by a test; named in the User-Agent of every request.
export const VERSION = '1.0.0'
export const USER_AGENT = `mpc-submission-status/${VERSION} (GitHub Action; +https://github.com/marketplace/actions/mpc-submission-status)`
