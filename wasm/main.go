//go:build js && wasm

// Command wasm is the WebAssembly build of idpreflight: it registers the
// global object idpreflight whose methods (check, analyzeFrame,
// recompress, exit) return Promises. web/preflight-worker.js loads it in a
// Worker; web/preflight.d.ts documents the shapes.
//
//	GOOS=js GOARCH=wasm go build -o preflight.wasm ./wasm
package main

import (
	"runtime/debug"
	"syscall/js"
)

func main() {
	// The garbage collector runs on the Worker's only thread; a frame
	// allocates a few MB of working images, so collect four times less
	// often than the default (the heap stays in the tens of MB).
	debug.SetGCPercent(400)
	a := newAPI()
	js.Global().Set("idpreflight", a.object)
	<-a.done // exit() was called: release everything and let the runtime end
	js.Global().Delete("idpreflight")
}
