// Kept equal to package.json's version by a test; named in the User-Agent of every request, from the
// actions and the command line alike.
export const VERSION = '1.0.0'
export const USER_AGENT = `mpc-submission-status/${VERSION} (+https://github.com/marketplace/actions/mpc-submission-status)`
