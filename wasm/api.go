//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"

	"github.com/idpreflight/idpreflight/preflight"
)

// api is one instance of the JavaScript API: its methods, the Go functions
// behind them (released by exit) and the state of the live-frame stream.
// Nothing is package-level, so tests can build as many as they like.
type api struct {
	object js.Value
	funcs  []js.Func
	done   chan struct{}
	once   sync.Once

	// frame is the state of the analyzeFrame stream; calls are serialised
	// because FrameState and the pixel buffer are reused.
	frameMu sync.Mutex
	frame   preflight.FrameState
	pixels  []byte
	opts    optionCache
}

// newAPI builds the object with its methods.
func newAPI() *api {
	a := &api{object: js.Global().Get("Object").New(), done: make(chan struct{})}
	a.method("check", a.check)
	a.method("analyzeFrame", a.analyzeFrame)
	a.method("resetFrames", a.resetFrames)
	a.method("recompress", a.recompress)
	a.method("version", a.version)
	exit := js.FuncOf(func(js.Value, []js.Value) any {
		a.release()
		return js.Undefined()
	})
	a.funcs = append(a.funcs, exit)
	a.object.Set("exit", exit)
	return a
}

// method registers name as a Promise-returning method running fn.
func (a *api) method(name string, fn func(args []js.Value) (any, error)) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		return promise("idpreflight."+name, func() (any, error) { return fn(args) })
	})
	a.funcs = append(a.funcs, f)
	a.object.Set(name, f)
}

// release frees every Go function held by JavaScript; calling a method
// afterwards throws in JavaScript ("call to released function").
func (a *api) release() {
	a.once.Do(func() {
		for _, f := range a.funcs {
			f.Release()
		}
		a.funcs = nil
		close(a.done)
	})
}

// version resolves to the engine name and the Go version that built it.
func (a *api) version([]js.Value) (any, error) {
	return map[string]any{"engine": preflight.EngineName, "go": goVersion()}, nil
}
