//go:build js

package preflight

// gifDecoded is false in the browser build: see decode_gif.go.
const gifDecoded = false
