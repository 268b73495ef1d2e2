// Preloaded into a bundle under test (`node --import`), so that a test may name the MPC's real hosts and still
// send nothing off this machine: every host name resolves to 127.0.0.1, where the test's stand-in listens.
// A test of a URL that must be refused before any request uses it to make a regression visible (the request
// reaches the stand-in) instead of reaching the MPC. Test tooling only; the product never patches node:dns.
import dns from 'node:dns'

dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback
  const all = typeof options === 'object' && options !== null && options.all === true
  process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)))
}
