//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// recompress is wired to the shared policy once it lands.
func (a *api) recompress(args []js.Value) (any, error) {
	return nil, errors.New("not available yet")
}
