// Start-up reference, bundled by ncc when the benchmark starts: node loading undici and nothing else.
// @actions/core (through @actions/http-client) and the transport both import it.
import 'undici'
