//go:build js && wasm

package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"syscall/js"
)

// promise returns a JavaScript Promise settled by fn, which runs on its own
// goroutine so that it may wait for other Promises (the browser encoder).
// A Go panic inside fn never escapes: it rejects the Promise with an Error
// naming the method, and the instance stays usable.
func promise(name string, fn func() (any, error)) js.Value {
	executor := js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		go func() {
			v, err := settle(fn)
			if err != nil {
				reject.Invoke(jsError(name + ": " + err.Error()))
				return
			}
			resolve.Invoke(v)
		}()
		return js.Undefined()
	})
	// The Promise constructor runs the executor synchronously, so the
	// function can be released as soon as the Promise exists.
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}

// settle runs fn, turning a panic into an error.
func settle(fn func() (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, panicError{value: r, stack: debug.Stack()}
		}
	}()
	return fn()
}

// panicError is a recovered panic; its message says so, since it is a bug
// (or a wrongly typed argument caught by syscall/js), not a verdict.
type panicError struct {
	value any
	stack []byte
}

func (p panicError) Error() string { return fmt.Sprintf("internal error (Go panic): %v", p.value) }

// jsError makes a JavaScript Error, so that callers get a stack and
// instanceof Error works.
func jsError(msg string) js.Value { return js.Global().Get("Error").New(msg) }

func goVersion() string { return runtime.Version() }
