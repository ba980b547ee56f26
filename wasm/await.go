//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// awaitPromise blocks the calling goroutine until p settles and returns
// its value or its rejection as an error. The Go runtime yields to the
// JavaScript event loop meanwhile, so it must not run on the event loop's
// own callback (promise runs every method on a goroutine). A value that is
// not a thenable is returned as is.
func awaitPromise(p js.Value) (js.Value, error) {
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		return p, nil
	}
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	onOK := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- settled{v: arg(a, 0)}
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- settled{err: jsErrorValue(arg(a, 0))}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	s := <-ch
	return s.v, s.err
}

// jsErrorValue turns a JavaScript rejection reason into a Go error.
func jsErrorValue(v js.Value) error {
	if v.Type() == js.TypeObject && v.Get("message").Type() == js.TypeString {
		return errors.New(v.Get("message").String())
	}
	if v.Type() == js.TypeString {
		return errors.New(v.String())
	}
	return errors.New("rejected with " + v.Type().String())
}
