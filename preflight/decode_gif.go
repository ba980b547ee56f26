//go:build !js

package preflight

import _ "image/gif" // registered decoder: GIF is accepted natively

// gifDecoded says whether this build decodes GIF. The browser build
// leaves image/gif (and its LZW reader) out: GIF is not a format the
// endpoint or the camera produces, and its ~12 KB of gzipped code is
// headroom under the wasm size budget (docs/wasm.md).
const gifDecoded = true
