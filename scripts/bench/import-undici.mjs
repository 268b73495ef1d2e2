// Start-up reference: node loading undici and nothing else, which @actions/core (through @actions/http-client)
// and the transport both import.
import 'undici'
